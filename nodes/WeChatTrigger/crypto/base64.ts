const BASE64_ALPHABET = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
	BASE64_ALPHABET[ch.charCodeAt(0)] = 1;
}
const EQUALS = 61;

/**
 * Whether text is canonical padded Base64 as WeChat produces for `Encrypt`. Node's decoder skips
 * foreign characters silently, so a tampered value must be refused before decoding, or two
 * different strings would decrypt to the same bytes.
 */
export function isStrictBase64(text: string): boolean {
	const length = text.length;
	if (length === 0 || length % 4 !== 0) return false;
	let end = length;
	if (text.charCodeAt(end - 1) === EQUALS) end--;
	if (text.charCodeAt(end - 1) === EQUALS) end--;
	for (let i = 0; i < end; i++) {
		const ch = text.charCodeAt(i);
		if (ch >= 128 || BASE64_ALPHABET[ch] === 0) return false;
	}
	return true;
}
