import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signature: SHA-1 over the concatenation of the lexicographically sorted
 * parts. `signature` signs [Token, timestamp, nonce]; `msg_signature` and a reply's
 * `MsgSignature` sign [Token, timestamp, nonce, Encrypt]. All parts are ASCII, so JavaScript's
 * code-unit sort is the byte order WeChat uses.
 */
export function signatureDigest(parts: string[]): Buffer {
	const sorted = parts.slice().sort();
	return createHash('sha1').update(sorted.join(''), 'utf8').digest();
}

export function computeSignature(parts: string[]): string {
	return signatureDigest(parts).toString('hex');
}

const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;

/**
 * Compares a signature received in the query string with the expected one in constant time.
 * Anything that is not 40 hex digits fails without hashing (its length is no secret).
 */
export function signatureMatches(parts: string[], received: unknown): boolean {
	if (typeof received !== 'string' || !HEX_SHA1.test(received)) return false;
	return timingSafeEqual(signatureDigest(parts), Buffer.from(received, 'hex'));
}
