/**
 * Where the test runtimes live: Node 24 and the n8n releases the package is checked against are
 * installed once into a per-user cache (override with WECHAT_N8N_CACHE) and reused by `npm test`,
 * `npm run sandbox` and the benchmarks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const PACKAGE_NAME = 'n8n-nodes-wechat-mass-message';

export const NODE_VERSION = '24.22.3';
/** n8n 2.41.3 pins n8n-core/@n8n/backend-network builds the registry does not carry; 2.41.1 installs. */
export const N8N_CURRENT = '2.41.1';
/** Latest 1.123.x on the registry (`npm view n8n@1.123 version`); the last 1.x line users still run. */
export const N8N_LEGACY = '1.123.81';

export function cacheRoot() {
	return process.env.WECHAT_N8N_CACHE || join(homedir(), '.cache', PACKAGE_NAME);
}

/**
 * Scratch space for n8n user folders (e2e runs, the sandbox, benchmarks), outside the repository:
 * n8n copies its whole editor bundle into every user folder, and `eslint .` would walk them all.
 * One folder per checkout (override with WECHAT_WORK_DIR).
 */
export function workRoot() {
	if (process.env.WECHAT_WORK_DIR) return process.env.WECHAT_WORK_DIR;
	const checkout = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8);
	return join(tmpdir(), `${PACKAGE_NAME}-${checkout}`);
}

export function nodeDir() {
	return join(cacheRoot(), 'node24');
}

export function nodePackageDir() {
	return join(nodeDir(), 'node_modules', `node-linux-${process.arch}`);
}

export function nodeBinDir() {
	return join(nodePackageDir(), 'bin');
}

export function nodeBin() {
	return join(nodeBinDir(), 'node');
}

export function n8nDir(version) {
	return join(cacheRoot(), `n8n-${version}`);
}

export function n8nPackageDir(version) {
	return join(n8nDir(version), 'node_modules', 'n8n');
}

export function n8nBin(version) {
	return join(n8nPackageDir(version), 'bin', 'n8n');
}

/** The environment every child gets: Node 24 first in PATH so `npm`, `npx` and `n8n` run on it. */
export function runtimeEnv(extra = {}) {
	return { ...process.env, PATH: `${nodeBinDir()}:${process.env.PATH}`, ...extra };
}

export function installedVersion(packageJsonPath) {
	if (!existsSync(packageJsonPath)) return undefined;
	try {
		return JSON.parse(readFileSync(packageJsonPath, 'utf8')).version;
	} catch {
		return undefined;
	}
}
