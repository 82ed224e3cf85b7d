import type { KeyObject } from 'node:crypto';
import { createSecretKey } from 'node:crypto';

import { WeChatCryptoError } from './errors';

/** AES-256 key and CBC IV derived from an EncodingAESKey. */
export interface AesKey {
	key: KeyObject;
	iv: Buffer;
}

const KEY_SHAPE = /^[A-Za-z0-9+/]{43}$/;

/**
 * The 43 key characters of what the user pasted, or undefined when it cannot be an
 * EncodingAESKey. A trailing "=" and surrounding spaces are forgiven.
 */
export function normalizeEncodingAesKey(encodingAesKey: string): string | undefined {
	let text = encodingAesKey.trim();
	if (text.length === 44 && text.endsWith('=')) text = text.slice(0, 43);
	return KEY_SHAPE.test(text) ? text : undefined;
}

/**
 * WeChat shows the EncodingAESKey as 43 Base64 characters without the final "=". Decoding
 * `key + "="` gives the 32-byte AES key, whose first 16 bytes are the IV. The 43rd character
 * carries 2 surplus bits that WeChat often leaves non-zero, so decoding must ignore them (Node's
 * Base64 decoder does); a strict decoder would reject most real keys. The key is kept as a
 * KeyObject, which the cipher functions take without copying it each time.
 */
export function decodeEncodingAesKey(encodingAesKey: string): AesKey {
	const text = normalizeEncodingAesKey(encodingAesKey);
	if (text === undefined) {
		throw new WeChatCryptoError(
			'invalid-key',
			'The EncodingAESKey must be the 43 letters and digits shown in the WeChat console',
		);
	}
	const bytes = Buffer.from(text + '=', 'base64');
	return { key: createSecretKey(bytes), iv: Buffer.from(bytes.subarray(0, 16)) };
}
