/**
 * node:test reporter that writes `{ passed, failed, skipped, failures: [...] }` for scripts/test.mjs.
 * Only tests are counted, not the suites (describe blocks) around them; a file that fails outside
 * any test (import error, crash) counts as one failure.
 */
export default async function* countReporter(source) {
	const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
	for await (const event of source) {
		if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
		const { data } = event;
		if (data.details?.type === 'suite' && event.type === 'test:pass') continue;
		if (data.skip || data.todo) {
			counts.skipped += 1;
		} else if (event.type === 'test:pass') {
			counts.passed += 1;
		} else if (data.details?.type !== 'suite' || !hasFailedChildren(data)) {
			counts.failed += 1;
			const error = String(data.details?.error?.cause ?? data.details?.error ?? '');
			counts.failures.push({ name: data.name, file: data.file, error: error.slice(0, 2000) });
		}
	}
	yield `${JSON.stringify(counts)}\n`;
}

/** A suite whose tests failed, or were cancelled by its failing hook, is counted through them. */
function hasFailedChildren(data) {
	return ['subtestsFailed', 'hookFailed'].includes(data.details?.error?.failureType);
}
