/**
 * Long steps (npm installs, native builds, n8n starting) print a line at least every 10 seconds,
 * so a CI log never shows a silent minute; their full output goes to a log file that is shown
 * when the step fails.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const HEARTBEAT_MS = 10_000;

export function say(scope, message) {
	console.log(`[${scope}] ${message}`);
}

export function formatDuration(ms) {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function tail(file, lines = 40) {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Runs a command with its output in `logFile`, printing `title` plus `detail()` every 10 s.
 * Resolves on exit code 0, otherwise rejects after printing the end of the log.
 */
export function runLogged({ scope, title, command, args, cwd, env, logFile, detail }) {
	mkdirSync(dirname(logFile), { recursive: true });
	const log = createWriteStream(logFile, { flags: 'a' });
	const started = Date.now();
	say(scope, `${title} (log: ${logFile})`);

	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		const timer = setInterval(() => {
			const extra = detail ? safeDetail(detail) : '';
			say(scope, `${title}: still running, ${formatDuration(Date.now() - started)}${extra}`);
		}, HEARTBEAT_MS);

		const finish = (error) => {
			clearInterval(timer);
			log.end(() => {
				if (!error) {
					say(scope, `${title}: done in ${formatDuration(Date.now() - started)}`);
					return resolvePromise();
				}
				console.log(tail(logFile));
				reject(error);
			});
		};
		child.on('error', finish);
		child.on('exit', (code, signal) => {
			finish(code === 0 ? undefined : new Error(`${title} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

function safeDetail(detail) {
	try {
		const text = detail();
		return text ? `, ${text}` : '';
	} catch {
		return '';
	}
}
