/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the keys are test fixtures */
import { createCipheriv, randomBytes } from 'node:crypto';

import type { Answer } from './client';
import { textMessageXml } from './payloads';
import type { SimulatedRequest } from './simulator';
import { WeChatSimulator } from './simulator';

/** The account under attack, and what must never appear in an answer or a log line. */
export const ACCOUNT = {
	token: 'm4liciousTokenX',
	encodingAesKey: 'SvFHi4TDuTqBkg0F6vUnJcCZxW1Ck9BmTKWdiSAb2FX',
	appId: 'wx9c0a7e5d3b1f2468',
};
export const SECRETS = [ACCOUNT.token, ACCOUNT.encodingAesKey];

export const safe = new WeChatSimulator({ ...ACCOUNT, mode: 'safe' });
export const safeJson = new WeChatSimulator({ ...ACCOUNT, mode: 'safe', format: 'json' });
export const stranger = new WeChatSimulator({ ...ACCOUNT, token: 'someOtherToken1', mode: 'safe' });

/** Where an attack is sent: the safe-mode trigger, the plaintext-mode one, or a GET check. */
export interface AttackTargets {
	post(push: SimulatedRequest, overrides?: PostOverrides): Promise<Answer>;
	postPlain(push: SimulatedRequest): Promise<Answer>;
	get(query: Record<string, string | string[]>): Promise<Answer>;
}

export interface PostOverrides {
	body?: string | Buffer;
	contentType?: string | null;
	query?: Record<string, string | string[]>;
}

/** A named attack with the status it must get. */
export type Attack = [
	name: string,
	status: number,
	run: (target: AttackTargets) => Promise<Answer>,
];

/** Encrypts a hand-made frame (AES-256-CBC, no automatic padding), as a forger with the key could. */
export function seal(frame: Buffer, encodingAesKey = ACCOUNT.encodingAesKey): string {
	const key = Buffer.from(encodingAesKey + '=', 'base64');
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(frame), cipher.final()]).toString('base64');
}

/** random ‖ length ‖ message ‖ AppID ‖ padding, with each part open to tampering. */
export function frame(
	message: string,
	appId = ACCOUNT.appId,
	declaredLength?: number,
	pad?: Buffer,
): Buffer {
	const body = Buffer.from(message);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(declaredLength ?? body.length);
	const content = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId)]);
	const padLength = 32 - (content.length % 32);
	return Buffer.concat([content, pad ?? Buffer.alloc(padLength, padLength)]);
}

/** A correctly signed safe-mode push whose Encrypt is whatever the forger chose. */
export function signedEncrypt(
	encrypt: string,
	fields: { timestamp?: string } = {},
): SimulatedRequest {
	const timestamp = fields.timestamp ?? String(nowSeconds());
	const nonce = '18273645';
	return {
		query: {
			signature: safe.sign(ACCOUNT.token, timestamp, nonce),
			timestamp,
			nonce,
			encrypt_type: 'aes',
			msg_signature: safe.sign(ACCOUNT.token, timestamp, nonce, encrypt),
		},
		body: `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
		contentType: 'text/xml',
	};
}

/** A correctly signed plaintext push of any body. */
export function signedPlain(body: string, contentType = 'text/xml'): SimulatedRequest {
	const timestamp = String(nowSeconds());
	const nonce = '99887766';
	return {
		query: { signature: safe.sign(ACCOUNT.token, timestamp, nonce), timestamp, nonce },
		body,
		contentType,
	};
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A genuine safe-mode text message, different every time. */
export const validPush = () => safe.push(textMessageXml('valid', String(Date.now())));

export function withQuery(
	push: SimulatedRequest,
	change: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = { ...push.query };
	for (const [key, value] of Object.entries(change)) {
		if (value === undefined) delete query[key];
		else query[key] = value;
	}
	return query;
}

export const nest = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
