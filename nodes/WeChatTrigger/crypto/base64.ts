const EQUALS = 61;

/**
 * Decodes the Base64 WeChat produces for `Encrypt`, or returns undefined when the text is not
 * canonical padded Base64. Node's decoder silently skips foreign characters and stops at the
 * first "=", so a tampered value would otherwise decrypt to the same bytes as the genuine one:
 * every such change shortens the output, which the length check catches, and the URL-safe
 * letters "-" and "_" (which Node also accepts) are refused outright. This costs one decode plus
 * two native scans instead of a character loop.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
	const length = text.length;
	if (length === 0 || length % 4 !== 0) return undefined;
	let padding = 0;
	while (padding < 3 && text.charCodeAt(length - 1 - padding) === EQUALS) padding++;
	if (padding > 2) return undefined;
	if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return undefined;

	const decoded = Buffer.from(text, 'base64');
	return decoded.length === (length / 4) * 3 - padding ? decoded : undefined;
}
