import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AesKey } from '../crypto/aesKey';
import { decodeEncodingAesKey, normalizeEncodingAesKey } from '../crypto/aesKey';

/** 消息加解密方式 in the WeChat console. */
export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';

export interface CallbackConfig {
	token: string;
	appId: string;
	mode: EncryptionMode;
	/** The EncodingAESKey in use first, then the previous one while a key change settles. */
	keys: AesKey[];
}

const ENCRYPTION_MODES: EncryptionMode[] = ['plaintext', 'compatible', 'safe'];

/** A credential that cannot work; the message names the field and never its value. */
export class CallbackConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CallbackConfigError';
	}
}

/** Reads a wechatCallbackApi credential, refusing one that cannot verify or decrypt anything. */
export function callbackConfigFrom(data: ICredentialDataDecryptedObject): CallbackConfig {
	const problem = findCredentialProblem(data);
	if (problem) throw new CallbackConfigError(problem);

	const mode = data.encryptionMode as EncryptionMode;
	const keys: AesKey[] = [];
	if (mode !== 'plaintext') {
		keys.push(decodeEncodingAesKey(String(data.encodingAesKey)));
		const previous = text(data.previousEncodingAesKey);
		if (previous) keys.push(decodeEncodingAesKey(previous));
	}
	return { token: text(data.token), appId: text(data.appId), mode, keys };
}

/**
 * What is wrong with the credential's fields, for the credential test and for the trigger
 * itself. Token rules are WeChat's (3 to 32 letters and digits); the AppID is only needed to
 * check decrypted messages.
 */
export function findCredentialProblem(data: ICredentialDataDecryptedObject): string | undefined {
	const token = text(data.token);
	if (!/^[A-Za-z0-9]{3,32}$/.test(token)) {
		return 'Token must be the 3 to 32 letters and digits entered under 设置与开发 → 基本配置 → 服务器配置 (Settings and Development → Basic Configuration → Server Configuration)';
	}
	const mode = data.encryptionMode as EncryptionMode;
	if (!ENCRYPTION_MODES.includes(mode)) {
		return 'Choose the Message Encryption Mode (消息加解密方式) that the WeChat console shows';
	}
	if (mode === 'plaintext') return undefined;

	if (!/^wx[0-9A-Za-z]{14,30}$/.test(text(data.appId))) {
		return 'AppID must be the AppID (开发者ID) shown under 设置与开发 → 基本配置, starting with "wx"';
	}
	if (normalizeEncodingAesKey(text(data.encodingAesKey)) === undefined) {
		return 'EncodingAESKey must be the 43 letters and digits shown under 服务器配置 → 消息加解密密钥';
	}
	const previous = text(data.previousEncodingAesKey);
	if (previous && normalizeEncodingAesKey(previous) === undefined) {
		return 'Previous EncodingAESKey must be empty or the 43 letters and digits of the former key';
	}
	return undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
