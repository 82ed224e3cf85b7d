import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';

import type { AesKey } from './aesKey';
import { decodeStrictBase64 } from './base64';
import { WeChatCryptoError } from './errors';
import { pkcs7Pad, pkcs7UnpaddedLength, WECHAT_BLOCK_SIZE } from './pkcs7';

const RANDOM_LENGTH = 16;
const HEADER_LENGTH = RANDOM_LENGTH + 4;

/**
 * The frame WeChat encrypts is random(16) ‖ uint32_be(len(msg)) ‖ msg ‖ AppID, padded per
 * pkcs7.ts, then AES-256-CBC with the key's first 16 bytes as IV and Base64. Padding is done by
 * hand because the block size is 32, so the cipher runs with automatic padding off.
 */
export function encryptMessage(
	message: string | Buffer,
	appId: string,
	aes: AesKey,
	random: Buffer = randomBytes(RANDOM_LENGTH),
): string {
	const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
	const length = Buffer.alloc(4);
	length.writeUInt32BE(body.length, 0);
	const frame = pkcs7Pad(Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]));

	const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(frame), cipher.final()]).toString('base64');
}

interface Frame {
	plain: Buffer;
	messageEnd: number;
	frameEnd: number;
}

function openFrame(encrypt: string, aes: AesKey): Frame {
	const ciphertext = decodeStrictBase64(encrypt);
	if (ciphertext === undefined) {
		throw new WeChatCryptoError('base64', 'Encrypt is not valid Base64');
	}
	if (ciphertext.length % WECHAT_BLOCK_SIZE !== 0) {
		throw new WeChatCryptoError('padding', 'Encrypt is not a whole number of cipher blocks');
	}

	const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
	decipher.setAutoPadding(false);
	const plain = decipher.update(ciphertext);
	decipher.final();

	const frameEnd = pkcs7UnpaddedLength(plain);
	if (frameEnd < HEADER_LENGTH) {
		throw new WeChatCryptoError('padding', 'The decrypted message has invalid padding');
	}
	const messageEnd = HEADER_LENGTH + plain.readUInt32BE(RANDOM_LENGTH);
	if (messageEnd > frameEnd) {
		throw new WeChatCryptoError('frame', 'The decrypted message length does not fit the frame');
	}
	return { plain, messageEnd, frameEnd };
}

export interface OpenedFrame {
	message: Buffer;
	appId: string;
}

/** Decrypts an `Encrypt` value and unpacks the frame, without judging the AppID. */
export function decryptFrame(encrypt: string, aes: AesKey): OpenedFrame {
	const { plain, messageEnd, frameEnd } = openFrame(encrypt, aes);
	return {
		message: plain.subarray(HEADER_LENGTH, messageEnd),
		appId: plain.toString('utf8', messageEnd, frameEnd),
	};
}

/** Decrypts and checks that the frame names the expected AppID (compared in constant time). */
export function decryptMessage(encrypt: string, aes: AesKey, expectedAppId: string): Buffer {
	const { plain, messageEnd, frameEnd } = openFrame(encrypt, aes);
	const appId = plain.subarray(messageEnd, frameEnd);
	const expected = Buffer.from(expectedAppId, 'utf8');
	if (appId.length !== expected.length || !timingSafeEqual(appId, expected)) {
		throw new WeChatCryptoError('appid', 'The message was encrypted for a different AppID');
	}
	return plain.subarray(HEADER_LENGTH, messageEnd);
}
