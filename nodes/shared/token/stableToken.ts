import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { explainErrcode } from '../explain';
import { parseWeChatJson } from '../json';
import { redact } from '../redact';

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

export interface AppCredentials {
	baseUrl: string;
	appId: string;
	appSecret: string;
}

export interface StableToken {
	token: string;
	/** Remaining lifetime in seconds, as WeChat reports it (never below 300 for stable tokens). */
	expiresIn: number;
}

/** A refusal of the token endpoint, already worded for the user. */
export class WeChatTokenError extends Error {
	readonly errcode: number;
	readonly description: string;

	constructor(errcode: number, message: string, description: string) {
		super(message);
		this.name = 'WeChatTokenError';
		this.errcode = errcode;
		this.description = description;
	}
}

export function normaliseBaseUrl(baseUrl: string): string {
	const trimmed = (baseUrl || '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(trimmed)) {
		throw new WeChatTokenError(
			0,
			'The API Base URL of the WeChat credential is not a valid URL',
			`Use https://api.weixin.qq.com, or the full address of your fixed-IP proxy (for example http://203.0.113.7:8080). Got: "${trimmed}".`,
		);
	}
	return trimmed;
}

/**
 * `POST /cgi-bin/stable_token`. We use the stable endpoint because in normal mode it hands every
 * caller the same token while it is valid, so n8n processes that fetch independently converge
 * instead of invalidating each other (the classic /cgi-bin/token rotates on every call).
 * The fields must travel as JSON; in the query string WeChat answers 41002.
 */
export async function fetchStableToken(
	http: HttpRequest,
	app: AppCredentials,
	forceRefresh: boolean,
): Promise<StableToken> {
	const baseUrl = normaliseBaseUrl(app.baseUrl);
	if (!app.appId?.trim() || !app.appSecret?.trim()) {
		throw new WeChatTokenError(
			0,
			'The WeChat credential needs both an AppID and an AppSecret',
			'Copy both from the WeChat console: 设置与开发 → 基本配置 (Settings and Development → Basic Configuration).',
		);
	}

	let raw: unknown;
	let failure: unknown;
	try {
		raw = await http({
			method: 'POST',
			url: `${baseUrl}/cgi-bin/stable_token`,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credential',
				appid: app.appId.trim(),
				secret: app.appSecret.trim(),
				force_refresh: forceRefresh,
			}),
			json: false,
			encoding: 'arraybuffer',
			timeout: 15000,
		});
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) {
		const reason = redact(String((failure as Error)?.message ?? failure), [app.appSecret]);
		throw new WeChatTokenError(
			0,
			`Could not reach WeChat at ${baseUrl} to get an access token`,
			`Check the API Base URL of the credential and that this server can reach it. (${reason})`,
		);
	}

	const body = decodeBody(raw);
	if (!body) {
		throw new WeChatTokenError(
			0,
			`The server at ${baseUrl} did not answer like WeChat`,
			'Check the API Base URL of the credential: it must be https://api.weixin.qq.com or a proxy that forwards to it unchanged.',
		);
	}
	const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
	if (errcode !== 0 || typeof body.access_token !== 'string') {
		const errmsg = redact(String(body.errmsg ?? 'no access_token in the answer'), [app.appSecret]);
		const { message, description } = explainErrcode(
			errcode,
			errmsg,
			'Getting the WeChat access token',
		);
		throw new WeChatTokenError(errcode, message, description);
	}
	return { token: body.access_token, expiresIn: Number(body.expires_in) || 7200 };
}

function decodeBody(raw: unknown): IDataObject | undefined {
	const text = Buffer.isBuffer(raw)
		? raw.toString('utf8')
		: typeof raw === 'string'
			? raw
			: JSON.stringify(raw ?? {});
	try {
		const parsed = parseWeChatJson(text);
		return parsed !== null && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}
