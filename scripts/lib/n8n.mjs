/**
 * Drives a real n8n the way a self-hosted user runs it: a fresh N8N_USER_FOLDER with our npm-pack
 * tarball unpacked where n8n keeps community packages, the CLI for imports and manual runs, and
 * `n8n start` for webhooks and the editor. Stored executions: see n8n-executions.mjs.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { spawnGroup, stopGroup } from './processes.mjs';
import {
	N8N_CURRENT,
	n8nBin,
	n8nPackageDir,
	nodeBin,
	PACKAGE_NAME,
	runtimeEnv,
} from './runtime.mjs';

export * from './n8n-executions.mjs';

/** Fixed so credentials imported by one CLI process can be decrypted by every later one. */
export const ENCRYPTION_KEY = 'wechat-mass-message-e2e-encryption-key';

export async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Creates a fresh user folder under `workDir` (or reuses `userFolder`) with the package installed
 * as a community package, replacing any earlier copy. Ports are picked at random unless given, so
 * several instances (and a developer's own n8n on 5678/5679) coexist.
 */
export async function createN8n({
	workDir,
	userFolder: fixedFolder,
	tarball,
	version = N8N_CURRENT,
	env = {},
	name = 'n8n',
	port: fixedPort,
}) {
	let userFolder = fixedFolder;
	if (!userFolder) {
		mkdirSync(workDir, { recursive: true });
		userFolder = mkdtempSync(join(workDir, `${name}-`));
	}
	const packageDir = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	if (tarball) execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const port = fixedPort ?? (await freePort());
	const brokerPort = await freePort();
	return {
		version,
		name,
		userFolder,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		logFile: join(userFolder, 'n8n.log'),
		env: runtimeEnv({
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			...(version.startsWith('1.')
				? { WEBHOOK_URL: `http://127.0.0.1:${port}/` }
				: { N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/` }),
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			DB_TYPE: 'sqlite',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			...env,
		}),
	};
}

/** Runs `n8n <args>` to completion; resolves with its output, rejects (with the output) on failure. */
export async function n8nCli(instance, args, { timeoutMs = 120_000, allowFailure = false } = {}) {
	const child = spawnGroup(nodeBin(), [n8nBin(instance.version), ...args], {
		env: instance.env,
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const timer = setTimeout(() => stopGroup(child, 2000), timeoutMs);
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	const result = { code, stdout, stderr };
	if (code !== 0 && !allowFailure) {
		const reason = signal ? `was stopped (${signal}) after ${timeoutMs} ms` : `exited with ${code}`;
		throw new Error(`n8n ${args[0]} ${reason}\n${tailOf(stdout)}\n${tailOf(stderr)}`);
	}
	return result;
}

let importCounter = 0;

function writeImportFile(instance, kind, data) {
	const dir = join(instance.userFolder, 'imports');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${kind}-${++importCounter}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** `credentials`: `{ id, name, type, data }` objects with plain `data`; n8n encrypts on import. */
export async function importCredentials(instance, credentials) {
	const file = writeImportFile(instance, 'credentials', [credentials].flat());
	await n8nCli(instance, ['import:credentials', `--input=${file}`]);
}

export async function importWorkflow(instance, workflows) {
	const file = writeImportFile(instance, 'workflows', [workflows].flat());
	await n8nCli(instance, ['import:workflow', `--input=${file}`]);
}

/** Imported workflows are unpublished; 2.x publishes through `publish:workflow` (1.x: update:workflow). */
export async function publishWorkflow(instance, id) {
	const args = instance.version.startsWith('1.')
		? ['update:workflow', `--id=${id}`, '--active=true']
		: ['publish:workflow', `--id=${id}`];
	await n8nCli(instance, args);
}

/**
 * `n8n execute --id` for workflows that start with a Manual Trigger. Returns
 * `{ ok, run, error, output }`: `run` is the IRun n8n printed (also on failure, when n8n logs it
 * before the error), `error` a one-paragraph account of a failure for assertion messages.
 */
export async function executeWorkflow(instance, id) {
	const started = Date.now();
	const { code, stdout, stderr } = await n8nCli(
		instance,
		['execute', `--id=${id}`, '--rawOutput'],
		{
			allowFailure: true,
		},
	);
	const run = extractRun(stdout);
	const failure = run?.data?.resultData?.error;
	const error =
		code === 0
			? undefined
			: failure
				? `workflow ${id} failed in node "${failure.node?.name ?? '?'}": ${failure.message}${failure.description ? ` — ${failure.description}` : ''}`
				: `n8n execute exited with ${code}:\n${tailOf(`${stdout}\n${stderr}`)}`;
	return { ok: code === 0, run, error, ms: Date.now() - started, output: `${stdout}\n${stderr}` };
}

function extractRun(stdout) {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	try {
		return JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
}

/** `n8n start`; resolves once the editor and the published workflows' webhooks are live. */
export async function startN8n(instance, { timeoutMs = 120_000, onLine } = {}) {
	const child = spawnGroup(nodeBin(), [n8nBin(instance.version), 'start'], {
		env: instance.env,
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	instance.process = child;
	instance.output = '';
	const log = createWriteStream(instance.logFile);
	child.exited.then(() => log.end());
	const collect = (chunk) => {
		instance.output += chunk;
		log.write(chunk);
		if (onLine) for (const line of String(chunk).split('\n')) if (line.trim()) onLine(line);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);

	const deadline = Date.now() + timeoutMs;
	while (!instance.output.includes('Editor is now accessible via')) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n start exited early:\n${tailOf(instance.output)}`);
		}
		if (Date.now() > deadline) {
			await stopN8n(instance);
			throw new Error(
				`n8n did not become ready within ${timeoutMs} ms:\n${tailOf(instance.output)}`,
			);
		}
		await sleep(200);
	}
	return instance;
}

/**
 * n8n 2.x activates published workflows through its publication outbox, about a second after
 * the editor is up. A GET probe tells: an unknown path answers 404 "... is not registered", a
 * POST-only webhook answers 404 "not registered for GET requests", anything else is live. The
 * probe must not start a run, so only GET webhooks that refuse unsigned requests may be probed.
 */
export async function waitForWebhook(instance, path, { timeoutMs = 30_000 } = {}) {
	const url = `${instance.baseUrl}/webhook/${path}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url).catch(() => undefined);
		const body = (await response?.text()) ?? '';
		if (response && (response.status !== 404 || body.includes('not registered for GET'))) return;
		if (Date.now() > deadline)
			throw new Error(`webhook ${url} was not registered within ${timeoutMs} ms`);
		await sleep(200);
	}
}

export async function stopN8n(instance) {
	if (!instance?.process) return;
	await stopGroup(instance.process, 15_000);
	instance.process = undefined;
}

function tailOf(text, lines = 30) {
	return String(text ?? '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

/**
 * Environment that makes n8n 2.x create (or reset) its owner account at start, so the editor
 * opens on a login page instead of the owner set-up form. n8n wants the password bcrypt-hashed;
 * its own bcryptjs does that.
 */
export function ownerEnv(version, { email, password, firstName = 'Sandbox', lastName = 'Owner' }) {
	const bcrypt = createRequire(join(n8nPackageDir(version), 'package.json'))('bcryptjs');
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}
