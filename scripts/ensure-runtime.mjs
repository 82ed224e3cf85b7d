#!/usr/bin/env node
/**
 * Installs what the end-to-end checks run on, into the cache (see scripts/lib/runtime.mjs):
 * Node 24 (npm package node-linux-<arch>), n8n 2.41.1 and, with --legacy, the latest n8n 1.123.x.
 *
 * n8n is installed with --ignore-scripts because some optional native modules (Kafka) need system
 * headers we do not have; only sqlite3 is then built, against Node 24's own headers so node-gyp
 * never downloads anything. Each install goes into `<dir>.partial` and is renamed when it works,
 * and a `.ready` marker makes a warm run a couple of file checks.
 *
 * Usage: node scripts/ensure-runtime.mjs [--legacy]
 */
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { runLogged, say } from './lib/progress.mjs';
import {
	cacheRoot,
	installedVersion,
	N8N_CURRENT,
	N8N_LEGACY,
	n8nDir,
	n8nPackageDir,
	nodeBin,
	nodeDir,
	nodePackageDir,
	NODE_VERSION,
	runtimeEnv,
} from './lib/runtime.mjs';

const SCOPE = 'runtime';
const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=warn', '--ignore-scripts'];

export async function ensureRuntime({ legacy = false, nodeOnly = false } = {}) {
	mkdirSync(cacheRoot(), { recursive: true });
	await ensureNode();
	if (nodeOnly) return;
	const installs = [ensureN8n(N8N_CURRENT)];
	if (legacy) installs.push(ensureN8n(N8N_LEGACY, { xlsxOverride: true }));
	await Promise.all(installs);
}

async function ensureNode() {
	const marker = join(nodeDir(), `.ready-${NODE_VERSION}`);
	if (existsSync(marker) && existsSync(nodeBin())) return;

	await withLock('node24', async () => {
		if (existsSync(marker) && existsSync(nodeBin())) return;
		if (installedVersion(join(nodePackageDir(), 'package.json')) !== NODE_VERSION) {
			await installInto(nodeDir(), `Node ${NODE_VERSION}`, {
				name: 'node24-holder',
				private: true,
				dependencies: { [`node-linux-${process.arch}`]: NODE_VERSION },
			});
		}
		const version = spawnSync(nodeBin(), ['--version'], { encoding: 'utf8' }).stdout.trim();
		if (version !== `v${NODE_VERSION}`)
			throw new Error(`Node 24 in the cache reports "${version}"`);
		writeFileSync(marker, `${version}\n`);
		say(SCOPE, `Node ${version} ready at ${nodeBin()}`);
	});
}

async function ensureN8n(version, { xlsxOverride = false } = {}) {
	const dir = n8nDir(version);
	const marker = join(dir, '.ready');
	if (existsSync(marker)) return;

	await withLock(`n8n-${version}`, async () => {
		if (existsSync(marker)) return;
		if (
			installedVersion(join(n8nPackageDir(version), 'package.json')) === version &&
			nativeModulesLoad(dir)
		) {
			writeFileSync(marker, `${version}\n`);
			say(SCOPE, `n8n ${version} found in ${dir}`);
			return;
		}
		const manifest = {
			name: `n8n-${version}-holder`,
			private: true,
			dependencies: { n8n: version },
		};
		// n8n 1.x depends on an xlsx tarball served from cdn.sheetjs.com, which CI cannot reach.
		if (xlsxOverride) manifest.overrides = { xlsx: '0.18.5' };
		await installInto(dir, `n8n ${version}`, manifest, async (partial) => {
			await runLogged({
				scope: SCOPE,
				title: `n8n ${version}: building sqlite3 for Node ${NODE_VERSION}`,
				command: 'npm',
				args: [
					'rebuild',
					'sqlite3',
					'--ignore-scripts=false',
					'--foreground-scripts',
					`--nodedir=${nodePackageDir()}`,
					'--build-from-source',
				],
				cwd: partial,
				env: runtimeEnv(),
				logFile: join(cacheRoot(), 'logs', `n8n-${version}-rebuild.log`),
			});
			if (!nativeModulesLoad(partial))
				throw new Error(`n8n ${version}: sqlite3 does not load on Node 24`);
		});
		writeFileSync(marker, `${version}\n`);
		say(SCOPE, `n8n ${version} ready in ${dir}`);
	});
}

/** npm-installs `manifest` into `<dir>.partial`, runs `after(partial)`, then swaps it in as `dir`. */
async function installInto(dir, label, manifest, after) {
	const partial = `${dir}.partial`;
	rmSync(partial, { recursive: true, force: true });
	mkdirSync(partial, { recursive: true });
	writeFileSync(join(partial, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	await runLogged({
		scope: SCOPE,
		title: `installing ${label} from the npm registry`,
		command: 'npm',
		args: ['install', ...NPM_FLAGS],
		cwd: partial,
		env: runtimeEnv(),
		logFile: join(cacheRoot(), 'logs', `${label.replace(/\s+/g, '-')}-install.log`),
		detail: () => {
			const unpacked = countPackages(join(partial, 'node_modules'));
			return unpacked === 0 ? 'resolving and downloading' : `${unpacked} packages unpacked`;
		},
	});
	if (after) await after(partial);
	rmSync(dir, { recursive: true, force: true });
	renameSync(partial, dir);
}

function nativeModulesLoad(dir) {
	const probe = `require(${JSON.stringify(join(dir, 'node_modules', 'sqlite3'))}).Database`;
	if (!existsSync(nodeBin())) return false;
	return spawnSync(nodeBin(), ['-e', probe], { stdio: 'ignore' }).status === 0;
}

function countPackages(nodeModules) {
	if (!existsSync(nodeModules)) return 0;
	let count = 0;
	for (const entry of readdirSync(nodeModules)) {
		if (entry.startsWith('.')) continue;
		count += entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).length : 1;
	}
	return count;
}

/** A directory lock so two runs (e.g. `npm test` and `npm run sandbox`) never install at once. */
async function withLock(name, body) {
	const lock = join(cacheRoot(), `.lock-${name}`);
	let lastNotice = 0;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (!lockHolderAlive(lock)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - lastNotice >= 10_000) {
				lastNotice = Date.now();
				say(SCOPE, `waiting for another process that is installing ${name}`);
			}
			await sleep(1000);
		}
	}
	try {
		await body();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function lockHolderAlive(lock) {
	let pid;
	try {
		pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
	} catch {
		// Created but not yet written by its holder, unless it has been like that for a while.
		return Date.now() - statSync(lock).mtimeMs < 10_000;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	ensureRuntime({ legacy: process.argv.includes('--legacy') }).catch((error) => {
		console.error(`[${SCOPE}] ${error.message}`);
		process.exit(1);
	});
}
