/**
 * The asset step of the build: TypeScript emits the code, this copies what n8n reads next to it —
 * node and credential icons, and the codex files (<Node>.node.json) that give nodes their
 * categories and documentation links in the editor.
 */
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
exports.default = buildAssets;
