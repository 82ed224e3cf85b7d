/**
 * WeChat pads with PKCS#7 over a 32-byte block (not AES's 16): n = 32 − (length mod 32) bytes of
 * value n, so a frame that is already a multiple of 32 gets 32 bytes of 0x20.
 */
export const WECHAT_BLOCK_SIZE = 32;

export function pkcs7Pad(data: Buffer): Buffer {
	const padLength = WECHAT_BLOCK_SIZE - (data.length % WECHAT_BLOCK_SIZE);
	return Buffer.concat([data, Buffer.alloc(padLength, padLength)]);
}

/** Length of the data without its padding, or -1 when the padding is not valid. */
export function pkcs7UnpaddedLength(data: Buffer): number {
	const length = data.length;
	if (length === 0) return -1;
	const padLength = data[length - 1];
	if (padLength < 1 || padLength > WECHAT_BLOCK_SIZE || padLength > length) return -1;
	for (let i = length - padLength; i < length - 1; i++) {
		if (data[i] !== padLength) return -1;
	}
	return length - padLength;
}
