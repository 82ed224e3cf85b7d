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
	/** Ready for mass/send: at most 10,000 each, never a batch of one. */
	batches: string[][];
	/** OpenIDs left after cleaning. */
	recipients: number;
	requested: number;
	invalid: number;
	duplicate: number;
	/** Up to 20 of the dropped values, shortened, so users can see what was wrong. */
	invalidSamples: string[];
}

/**
 * Trims, validates and de-duplicates `count` values read through `valueAt`, and puts the
 * OpenIDs in a canonical order, so that the same people fall into the same batches whatever
 * order a CRM returns them in (a batch's clientmsgid is derived from its members). The order
 * is that of a 32-bit hash, ties broken by the text: sorting packed numbers is an order of
 * magnitude faster than sorting a million strings, and duplicates end up side by side, so no
 * Set of a million entries is needed. Arrays are sized up front: for a million OpenIDs every
 * doubling copy would cost megabytes.
 */
export function cleanOpenIds(count: number, valueAt: (index: number) => unknown): CleanedOpenIds {
	const valid: string[] = new Array(count);
	const invalidSamples: string[] = [];
	let validCount = 0;
	let invalid = 0;
	for (let index = 0; index < count; index++) {
		const value = valueAt(index);
		const openId =
			typeof value === 'string' ? value.trim() : value == null ? '' : String(value).trim();
		if (OPENID.test(openId)) {
			valid[validCount++] = openId;
			continue;
		}
		invalid++;
		if (invalidSamples.length < SAMPLE) invalidSamples.push(openId.slice(0, 40) || '(empty)');
	}
	valid.length = validCount;

	const batches = canonicalBatches(valid);
	const recipients = batches.reduce((sum, batch) => sum + batch.length, 0);
	return {
		batches,
		recipients,
		requested: count,
		invalid,
		duplicate: validCount - recipients,
		invalidSamples,
	};
}

/** Cleans a plain list, e.g. the OpenIDs parameter of one item. */
export function cleanOpenIdList(values: unknown[]): CleanedOpenIds {
	return cleanOpenIds(values.length, (index) => values[index]);
}

function canonicalBatches(ids: string[]): string[][] {
	const indexBits = Math.max(1, Math.ceil(Math.log2(ids.length + 1)));
	const hashBits = Math.min(32, 52 - indexBits);
	const indexScale = 2 ** indexBits;
	const keys = new Float64Array(ids.length);
	for (let i = 0; i < ids.length; i++) {
		keys[i] = (fnv1a(ids[i]) >>> (32 - hashBits)) * indexScale + i;
	}
	keys.sort();

	const batches: string[][] = [];
	let batch: string[] = [];
	const push = (openId: string) => {
		if (batch.length === MAX_BATCH) {
			batches.push(batch);
			batch = [];
		}
		batch.push(openId);
	};
	for (let start = 0; start < keys.length; ) {
		const hash = Math.floor(keys[start] / indexScale);
		let end = start + 1;
		while (end < keys.length && Math.floor(keys[end] / indexScale) === hash) end++;
		if (end - start === 1) {
			push(ids[keys[start] % indexScale]);
		} else {
			const group = new Set<string>();
			for (let k = start; k < end; k++) group.add(ids[keys[k] % indexScale]);
			for (const openId of [...group].sort()) push(openId);
		}
		start = end;
	}
	if (batch.length > 0) batches.push(batch);

	// WeChat refuses a batch of one: the last batch borrows one OpenID from the batch before.
	const last = batches[batches.length - 1];
	if (batches.length > 1 && last.length < MIN_BATCH) {
		last.unshift(batches[batches.length - 2].pop() as string);
	}
	return batches;
}

function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}
