/** Deterministic pseudo-random numbers, so a failing fuzz case can be replayed from its seed. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const INSERTS = ['<', '>', '&', ']]>', '<!DOCTYPE x>', '<![CDATA[', '\u0000', '"'];

/**
 * One random change of the kinds a broken proxy or a forger makes: a flipped bit, a cut, a
 * deletion, an inserted markup character, a repeated stretch, or a tag name in another case.
 */
export function mutate(text: string, random: () => number): string {
	const bytes = Buffer.from(text);
	const at = Math.floor(random() * bytes.length);
	switch (Math.floor(random() * 6)) {
		case 0:
			bytes[at] ^= 1 << Math.floor(random() * 8);
			return bytes.toString('latin1');
		case 1:
			return text.slice(0, at);
		case 2:
			return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
		case 3:
			return text.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)] + text.slice(at);
		case 4:
			return (
				text.slice(0, at) +
				text.slice(at, at + 40).repeat(2 + Math.floor(random() * 4)) +
				text.slice(at + 40)
			);
		default:
			return text.replace(
				/<(\/?)(\w+)/,
				(_match, slash: string, name: string) => `<${slash}${name.toLowerCase()}`,
			);
	}
}
