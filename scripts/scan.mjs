/**
 * Both lint legs of n8n's community-package scanner, offline (the CLI needs a published version
 * with npm provenance): the source files of the repository, and the files of the `npm pack`
 * tarball exactly as n8n would install them. Builds first. Exits non-zero on any finding.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

console.log('scan: building the package');
execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

const unpacked = mkdtempSync(join(tmpdir(), 'wechat-scan-'));
try {
	execFileSync(npm, ['pack', '--silent', '--pack-destination', unpacked], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(unpacked).find((name) => name.endsWith('.tgz'));
	execFileSync('tar', ['-xzf', join(unpacked, tarball), '-C', unpacked]);

	const legs = [
		['source', root, SOURCE_FILE_PATTERNS],
		['tarball', join(unpacked, 'package'), ['**/*.js', 'package.json']],
	];
	let failed = false;
	for (const [name, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		const passed = result.passed === true;
		console.log(`scan (${name}): ${passed ? 'PASSED' : 'FAILED'}`);
		if (!passed) {
			failed = true;
			console.log(result.details ?? result.message);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(unpacked, { recursive: true, force: true });
}
