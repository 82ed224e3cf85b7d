/**
 * Steps on the repository itself that `npm test`, `npm run sandbox` and the benchmarks share:
 * installing dev dependencies, building and packing the package, compiling the fake WeChat API.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { runLogged, say } from './progress.mjs';
import { REPO_ROOT, runtimeEnv } from './runtime.mjs';

export const TMP = join(REPO_ROOT, '.tmp');
export const FAKE_BUILD_DIR = join(TMP, 'fake-wechat');

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, { env = runtimeEnv(), cwd = REPO_ROOT, quiet = false } = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env, stdio: quiet ? 'ignore' : 'inherit' });
		child.on('error', () => resolve(127));
		child.on('exit', (code, signal) => resolve(signal ? 128 : code));
	});
}

export async function installDependencies(scope) {
	if (existsSync(join(REPO_ROOT, 'node_modules', '.package-lock.json'))) return;
	await runLogged({
		scope,
		title: 'npm ci (node_modules is missing)',
		command: 'npm',
		args: ['ci', '--no-audit', '--no-fund'],
		cwd: REPO_ROOT,
		env: runtimeEnv(),
		logFile: join(TMP, 'logs', 'npm-ci.log'),
	});
}

/** `npm run build` then `npm pack` into .tmp/pack; returns the tarball path. */
export async function buildAndPack(scope) {
	if ((await run('npm', ['run', '--silent', 'build'])) !== 0)
		throw new Error('npm run build failed');
	const packDir = join(TMP, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	if (
		(await run('npm', ['pack', '--silent', '--pack-destination', packDir], { quiet: true })) !== 0
	) {
		throw new Error('npm pack failed');
	}
	const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	say(scope, `packed ${tarball}`);
	return join(packDir, tarball);
}

/** Compiles test/fake-wechat to .tmp/fake-wechat (its own tsconfig.build.json decides the layout). */
export async function buildFake() {
	const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const config = join(REPO_ROOT, 'test', 'fake-wechat', 'tsconfig.build.json');
	if (!existsSync(config)) throw new Error('test/fake-wechat/tsconfig.build.json is missing');
	if ((await run(process.execPath, [tsc, '-p', config])) !== 0) {
		throw new Error('compiling the fake WeChat API failed');
	}
	return FAKE_BUILD_DIR;
}
