/**
 * `npm run bench`: builds the package and the fake WeChat API, runs every bench/*.bench.mjs in a
 * process of its own (each prints one JSON object on its last stdout line), and merges them into
 * bench/results.json. `npm run bench -- mass token` runs only the named benchmarks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const only = process.argv.slice(2);

console.log('bench: building the package and the fake WeChat API');
execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
for (const project of ['test/fake-wechat/tsconfig.build.json', 'bench/tsconfig.json']) {
	execFileSync(npm, ['exec', '--', 'tsc', '-p', project], { cwd: root, stdio: 'inherit' });
}

const benches = readdirSync(join(root, 'bench'))
	.filter((name) => name.endsWith('.bench.mjs'))
	.filter((name) => only.length === 0 || only.includes(name.replace('.bench.mjs', '')))
	.sort();

const results = {};
let failed = 0;
for (const name of benches) {
	console.log(`bench: ${name}`);
	const started = Date.now();
	const run = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', name)], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 64 * 1024 * 1024,
	});
	const lines = (run.stdout ?? '').trim().split('\n');
	let figures;
	try {
		figures = JSON.parse(lines[lines.length - 1]);
	} catch {
		figures = undefined;
	}
	if (run.status !== 0 || !figures) {
		failed++;
		console.log(`bench: ${name} failed (exit ${run.status}); its output:\n${run.stdout}`);
		continue;
	}
	for (const [group, values] of Object.entries(figures)) {
		results[group] = { ...(results[group] ?? {}), ...values };
	}
	console.log(`bench: ${name} done in ${Math.round((Date.now() - started) / 1000)} s: ${lines[lines.length - 1]}`);
}

writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: wrote bench/results.json (${benches.length - failed} of ${benches.length} benchmarks)`);
process.exitCode = failed ? 1 : 0;
