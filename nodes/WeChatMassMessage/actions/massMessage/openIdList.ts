/**
 * Preparing an OpenID list for `mass/send`, which takes 2 to 10,000 OpenIDs per call.
 * OpenIDs of an Official Account are 28 characters of [A-Za-z0-9_-]; we accept 16 to 64 of
 * them so that unusual but real ids pass, and drop anything else before WeChat refuses the
 * whole batch (40003 names no culprit).
 */
export const MAX_BATCH = 10_000;
export const MIN_BATCH = 2;

const OPENID = /^[A-Za-z0-9_-]{16,64}$/;
const SAMPLE = 20;

export interface CleanedOpenIds {
	openIds: string[];
	requested: number;
	invalid: number;
	duplicate: number;
	/** Up to 20 of the dropped values, shortened, so users can see what was wrong. */
	invalidSamples: string[];
}

export function cleanOpenIds(values: Iterable<unknown>): CleanedOpenIds {
	const seen = new Set<string>();
	const invalidSamples: string[] = [];
	let requested = 0;
	let invalid = 0;
	let duplicate = 0;
	for (const value of values) {
		requested++;
		const openId =
			typeof value === 'string' ? value.trim() : value == null ? '' : String(value).trim();
		if (!OPENID.test(openId)) {
			invalid++;
			if (invalidSamples.length < SAMPLE) invalidSamples.push(openId.slice(0, 40) || '(empty)');
			continue;
		}
		if (seen.has(openId)) {
			duplicate++;
			continue;
		}
		seen.add(openId);
	}
	// Sorted, so that the same people fall into the same batches whatever order a CRM returns
	// them in: a batch's clientmsgid is derived from its members.
	const openIds = [...seen].sort();
	return { openIds, requested, invalid, duplicate, invalidSamples };
}

/**
 * Full batches of 10,000 and the rest in a last one; a last batch of one is not allowed by
 * WeChat, so it borrows one OpenID from the batch before.
 */
export function batchOpenIds(openIds: string[]): string[][] {
	const batches: string[][] = [];
	for (let start = 0; start < openIds.length; start += MAX_BATCH) {
		batches.push(openIds.slice(start, start + MAX_BATCH));
	}
	const last = batches[batches.length - 1];
	if (batches.length > 1 && last.length < MIN_BATCH) {
		const previous = batches[batches.length - 2];
		last.unshift(previous.pop() as string);
	}
	return batches;
}
