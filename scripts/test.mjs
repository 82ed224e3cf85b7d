#!/usr/bin/env node
/**
 * `npm test`: everything, in the order a user's CI would need it.
 *
 *   1. Node 24 into the runtime cache (scripts/ensure-runtime.mjs), then `npm ci` when
 *      node_modules is missing (the lockfile and .npmrc make it script-free).
 *   2. n8n 2.41.1 and 1.123.x into the cache, in the background while steps 3 and 4 run.
 *   3. `npm run build`, `npm pack` into .tmp/pack.
 *   4. jest (unit and n8n-core harness tests) with --json, on Node 24.
 *   5. the end-to-end suite in test/e2e (real n8n, fake WeChat API, browser check) with node:test.
 *
 * Ends with one plain line `N passed, N failed` summing every suite (a step that could not run
 * counts as one failure) and exits non-zero if anything failed.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime } from './ensure-runtime.mjs';
import { sweepPidDirectory } from './lib/processes.mjs';
import { formatDuration, say } from './lib/progress.mjs';
import { buildAndPack, buildFake, installDependencies, run, TMP } from './lib/project.mjs';
import { cacheRoot, nodeBin, REPO_ROOT, runtimeEnv, workRoot } from './lib/runtime.mjs';

const SCOPE = 'test';
const started = Date.now();
const results = [];

function record(suite, passed, failed, note = '') {
	results.push({ suite, passed, failed, note });
}

async function step(name, body) {
	const stepStarted = Date.now();
	say(SCOPE, `── ${name}`);
	try {
		await body();
		say(SCOPE, `── ${name}: ${formatDuration(Date.now() - stepStarted)}`);
		return true;
	} catch (error) {
		say(
			SCOPE,
			`── ${name} FAILED after ${formatDuration(Date.now() - stepStarted)}: ${error.message}`,
		);
		record(name, 0, 1, error.message);
		return false;
	}
}

async function runJest() {
	const output = join(TMP, 'jest-results.json');
	rmSync(output, { force: true });
	const jest = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	const code = await run(nodeBin(), [
		jest,
		'--json',
		`--outputFile=${output}`,
		'--passWithNoTests',
	]);
	if (!existsSync(output)) throw new Error(`jest exited with ${code} and wrote no results`);
	const report = JSON.parse(readFileSync(output, 'utf8'));
	const brokenSuites = report.numRuntimeErrorTestSuites ?? 0;
	record('jest', report.numPassedTests, report.numFailedTests + brokenSuites);
	if (code !== 0 && report.numFailedTests + brokenSuites === 0) {
		record('jest exit status', 0, 1, `jest exited with ${code}`);
	}
}

async function runEndToEnd(tarball) {
	const counts = join(TMP, 'e2e-results.json');
	const pidDir = join(workRoot(), 'e2e-pids');
	const workDir = join(workRoot(), 'e2e');
	rmSync(counts, { force: true });
	rmSync(workDir, { recursive: true, force: true });
	const files = readdirSync(join(REPO_ROOT, 'test', 'e2e'))
		.filter((file) => file.endsWith('.test.mjs'))
		.sort()
		.map((file) => join('test', 'e2e', file));
	if (files.length === 0) throw new Error('no end-to-end test files found');

	const env = runtimeEnv({
		WECHAT_E2E_TARBALL: tarball,
		WECHAT_E2E_WORKDIR: workDir,
		WECHAT_E2E_PID_DIR: pidDir,
	});
	const code = await run(
		nodeBin(),
		[
			'--test',
			'--test-concurrency=1',
			'--test-timeout=300000',
			'--test-reporter=spec',
			'--test-reporter-destination=stdout',
			`--test-reporter=${join(REPO_ROOT, 'test', 'e2e', 'support', 'count-reporter.mjs')}`,
			`--test-reporter-destination=${counts}`,
			...files,
		],
		{ env },
	);
	const swept = sweepPidDirectory(pidDir);
	if (!existsSync(counts))
		throw new Error(`the e2e runner exited with ${code} and wrote no counts`);
	const report = JSON.parse(readFileSync(counts, 'utf8'));
	record('end-to-end', report.passed, report.failed);
	if (swept > 0) record('e2e cleanup', 0, 1, `${swept} process group(s) were left running`);
	if (code !== 0 && report.failed === 0)
		record('e2e exit status', 0, 1, `node --test exited with ${code}`);
}

/** A check that passes or fails as a whole: one test in the final count. */
async function runCheck(name, npmArgs) {
	const code = await run('npm', npmArgs);
	if (code !== 0) throw new Error(`npm ${npmArgs.join(' ')} exited with ${code}`);
	record(name, 1, 0);
}

async function main() {
	say(SCOPE, `runtime cache: ${cacheRoot()}`);
	if (!(await step('Node 24', () => ensureRuntime({ nodeOnly: true })))) return;
	if (!(await step('dependencies', () => installDependencies(SCOPE)))) return;

	// The n8n installs take minutes on a cold cache; build and jest do not need them.
	const runtime = ensureRuntime({ legacy: true }).then(
		() => undefined,
		(error) => error,
	);
	let tarball;
	const built = await step('build, pack, compile the fake WeChat API', async () => {
		tarball = await buildAndPack(SCOPE);
		await buildFake();
	});
	await step('jest', runJest);
	await step("lint (n8n's community-node rules)", () => runCheck('lint', ['run', 'lint']));
	await step("scan (n8n's package scanner, both legs)", () => runCheck('scan', ['run', 'scan']));

	const runtimeReady = await step('n8n runtimes', async () => {
		const error = await runtime;
		if (error) throw error;
	});
	if (built && runtimeReady) await step('end-to-end suite', () => runEndToEnd(tarball));
}

function summarise() {
	let passed = 0;
	let failed = 0;
	console.log('');
	for (const result of results) {
		passed += result.passed;
		failed += result.failed;
		const note = result.note ? ` (${result.note.split('\n')[0]})` : '';
		console.log(`  ${result.suite}: ${result.passed} passed, ${result.failed} failed${note}`);
	}
	console.log(`  total time ${formatDuration(Date.now() - started)}`);
	if (results.length === 0) failed += 1;
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main()
	.catch((error) => record('test runner', 0, 1, error.stack ?? String(error)))
	.finally(summarise);
