import type { AesKey } from '../crypto/aesKey';
import { decryptMessage } from '../crypto/cipher';
import type { WeChatCryptoFailure } from '../crypto/errors';
import { WeChatCryptoError } from '../crypto/errors';
import { signatureMatches } from '../crypto/signature';
import type { CallbackConfig, EncryptionMode } from './config';
import type { CallbackRecord } from './message';
import { fieldText, MAX_BODY_BYTES } from './message';
import type { PayloadFormat } from './payload';
import { parsePayload, payloadFormatOf, sniffPayloadFormat } from './payload';
import type { CallbackRejection } from './rejection';
import { badRequest, forbidden, unauthorized } from './rejection';
import type { CallbackRequest } from './request';
import { queryText } from './request';

export interface CallbackChecks {
	/** Largest accepted distance between the callback's timestamp and this server's clock. */
	timestampToleranceSeconds: number;
	nowMs: number;
}

/** A callback that passed every check, with the message in WeChat's field names. */
export interface OpenedCallback {
	message: CallbackRecord;
	/** The message as WeChat sent it (after decryption), for users who want the original. */
	messageText: string;
	format: PayloadFormat;
	encryption: EncryptionMode;
	/** Which EncodingAESKey opened the message: 'previous' while a key change settles. */
	aesKey?: 'current' | 'previous';
	timestamp: string;
	nonce: string;
	openid?: string;
}

const TIMESTAMP = /^[0-9]{1,12}$/;

/**
 * Checks a POSTed callback the way WeChat signs it and returns the message, or throws a
 * CallbackRejection. Order matters: the query signature is checked before the body is read at
 * all, the timestamp window bounds replays, and in compatible and safe mode msg_signature is
 * checked over the exact Encrypt text of the raw body before anything is decrypted, so a forger
 * never reaches the AES code (no padding oracle). The decrypted AppID must be ours.
 */
export function openCallback(
	request: CallbackRequest,
	config: CallbackConfig,
	checks: CallbackChecks,
): OpenedCallback {
	const { query } = request;
	const signature = queryText(query, 'signature');
	const timestamp = queryText(query, 'timestamp');
	const nonce = queryText(query, 'nonce');
	if (!signature || !timestamp || !nonce) {
		throw badRequest('signature, timestamp and nonce are required');
	}
	if (!TIMESTAMP.test(timestamp)) throw badRequest('timestamp must be a number of seconds');
	if (!signatureMatches([config.token, timestamp, nonce], signature)) {
		throw unauthorized('invalid signature');
	}
	const skew = Math.abs(checks.nowMs / 1000 - Number(timestamp));
	if (skew > checks.timestampToleranceSeconds) {
		throw forbidden('timestamp is outside the allowed window');
	}

	const body = readBody(request);
	const format = payloadFormatOf(request.contentType, body);
	const envelope = parsePayload(body, format);
	const opened = { timestamp, nonce, openid: queryText(query, 'openid'), format };

	if (config.mode === 'plaintext') {
		if (fieldText(envelope, 'MsgType') === undefined && envelope.Encrypt !== undefined) {
			throw badRequest(
				'callback is encrypted but the credential is set to plaintext; set its Message Encryption Mode',
			);
		}
		requireMsgType(envelope);
		return { ...opened, message: envelope, messageText: body, encryption: 'plaintext' };
	}

	const encrypt = fieldText(envelope, 'Encrypt');
	const msgSignature = queryText(query, 'msg_signature');
	if (encrypt === undefined) throw badRequest('callback has no Encrypt field');
	if (!msgSignature) throw unauthorized('msg_signature is required');
	if (!signatureMatches([config.token, timestamp, nonce, encrypt], msgSignature)) {
		throw unauthorized('invalid msg_signature');
	}

	const { plain, keyIndex } = decryptWithAnyKey(encrypt, config);
	const messageText = plain.toString('utf8');
	const innerFormat = sniffPayloadFormat(messageText);
	if (!innerFormat) throw badRequest('decrypted message is neither XML nor JSON');
	const message = parsePayload(messageText, innerFormat);
	requireMsgType(message);
	return {
		...opened,
		format: innerFormat,
		message,
		messageText,
		encryption: config.mode,
		aesKey: keyIndex === 0 ? 'current' : 'previous',
	};
}

function readBody(request: CallbackRequest): string {
	const raw = request.rawBody;
	if (request.oversizedLength !== undefined) throw badRequest('body is too large');
	if (raw === undefined || raw.length === 0) throw badRequest('body is empty');
	if (raw.length > MAX_BODY_BYTES) throw badRequest('body is too large');
	return raw.toString('utf8');
}

/**
 * During a key change WeChat may still encrypt with the previous EncodingAESKey, so each
 * configured key is tried in turn. A Base64 error is the same under every key; otherwise the
 * error reported is the one from the current key. Whatever the AES library itself might throw
 * on hostile bytes counts as undecryptable.
 */
function decryptWithAnyKey(
	encrypt: string,
	config: CallbackConfig,
): { plain: Buffer; keyIndex: number } {
	let firstFailure: WeChatCryptoFailure | undefined;
	for (let keyIndex = 0; keyIndex < config.keys.length; keyIndex++) {
		const key: AesKey = config.keys[keyIndex];
		try {
			return { plain: decryptMessage(encrypt, key, config.appId), keyIndex };
		} catch (error) {
			const failure = error instanceof WeChatCryptoError ? error.failure : 'padding';
			if (failure === 'base64') throw badRequest('Encrypt is not valid Base64');
			firstFailure ??= failure;
		}
	}
	throw rejectionFor(firstFailure);
}

function rejectionFor(failure: WeChatCryptoFailure | undefined): CallbackRejection {
	if (failure === 'appid') return forbidden('message is for a different AppID');
	return badRequest('Encrypt cannot be decrypted with the configured EncodingAESKey');
}

function requireMsgType(message: CallbackRecord): void {
	if (fieldText(message, 'MsgType') === undefined) throw badRequest('callback has no MsgType');
}
