/**
 * Element names repeat from callback to callback (WeChat's vocabulary is a few dozen words), so
 * the reader hands out one shared string per name instead of a fresh slice each time. V8 then
 * finds each record key already internalized and records of one shape share a hidden class,
 * which makes building the output markedly cheaper. The cache stops growing at a fixed size, so
 * names an attacker invents cannot make it grow without bound.
 */
const BUCKETS = 1024;
const MAX_CACHED_NAMES = 512;

const buckets: Array<string[] | undefined> = new Array<string[] | undefined>(BUCKETS);
let cachedCount = 0;

export function nameAt(text: string, start: number, end: number): string {
	const slot =
		((end - start) * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & (BUCKETS - 1);
	const bucket = buckets[slot];
	if (bucket !== undefined) {
		for (let i = 0; i < bucket.length; i++) {
			const known = bucket[i];
			if (known.length === end - start && text.startsWith(known, start)) return known;
		}
	}
	const name = text.slice(start, end);
	if (cachedCount < MAX_CACHED_NAMES) {
		cachedCount++;
		if (bucket !== undefined) bucket.push(name);
		else buckets[slot] = [name];
	}
	return name;
}
