/**
 * Long-running children (n8n, the fake WeChat API, chromium) run in their own process group so
 * that stopping one also stops what it spawned (n8n starts a task-runner child). Every group is
 * recorded in a pid directory so a supervisor can still clean up after a crashed test process,
 * and all groups are killed when this process exits for any reason.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const live = new Set();
let hooksInstalled = false;

/** Directory where process-group ids are recorded; scripts/test.mjs sweeps it at the end. */
export function pidDirectory() {
	return process.env.WECHAT_E2E_PID_DIR;
}

export function spawnGroup(command, args, options = {}) {
	installExitHooks();
	const child = spawn(command, args, { ...options, detached: true });
	live.add(child);
	const record = pidDirectory() && child.pid ? join(pidDirectory(), String(child.pid)) : undefined;
	if (record) {
		mkdirSync(pidDirectory(), { recursive: true });
		writeFileSync(record, `${command} ${args.join(' ')}\n`);
	}
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			live.delete(child);
			if (record) rmSync(record, { force: true });
			resolve({ code, signal });
		});
		child.once('error', (error) => {
			live.delete(child);
			if (record) rmSync(record, { force: true });
			resolve({ code: null, signal: null, error });
		});
	});
	return child;
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the leader has exited. */
export async function stopGroup(child, graceMs = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	signalGroup(child.pid, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	signalGroup(child.pid, 'SIGKILL');
}

export function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Kills every group recorded in `dir` (left behind by a test process that died) and empties it. */
export function sweepPidDirectory(dir) {
	let swept = 0;
	let entries = [];
	try {
		entries = readdirSync(dir);
	} catch {
		return 0;
	}
	for (const entry of entries) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		try {
			process.kill(-pid, 0);
			console.log(
				`[cleanup] stopping leftover process group ${pid}: ${readFileSync(join(dir, entry), 'utf8').trim()}`,
			);
			signalGroup(pid, 'SIGKILL');
			swept += 1;
		} catch {
			// Already gone.
		}
		rmSync(join(dir, entry), { force: true });
	}
	return swept;
}

function installExitHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.once('exit', () => {
		for (const child of live) signalGroup(child.pid, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			stopAll(5000).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
}

export async function stopAll(graceMs = 10_000) {
	await Promise.all([...live].map((child) => stopGroup(child, graceMs)));
}
