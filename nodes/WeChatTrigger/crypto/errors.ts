/**
 * Why a WeChat ciphertext could not be opened. The codes follow the failure classes of Tencent's
 * sample library (bad key, bad Base64, bad padding or frame, AppID mismatch) so the callback
 * layer can answer each with its own status.
 */
export type WeChatCryptoFailure = 'invalid-key' | 'base64' | 'padding' | 'frame' | 'appid';

export class WeChatCryptoError extends Error {
	constructor(
		readonly failure: WeChatCryptoFailure,
		message: string,
	) {
		super(message);
		this.name = 'WeChatCryptoError';
	}
}
