import { request } from 'undici';

import { FakeClock, startFakeWeChat, type FakeWeChat, type Quirks } from '../index';

export const APP_ID = 'wx_test_appid_00001';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a value the fake invents
export const APP_SECRET = 'test0secret00000000000000000001';

/** 2026-01-05 10:00 Beijing time, a Monday: far from day and month boundaries. */
export const START = Date.UTC(2026, 0, 5, 2, 0, 0);

/** WeChat answers are read field by field in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireBody = Record<string, any>;

export interface WireResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	body: WireBody;
}

export async function startFake(quirks: Partial<Quirks> = {}): Promise<FakeWeChat> {
	return startFakeWeChat({ clock: new FakeClock({ start: START, frozen: true }), quirks });
}

export async function call(
	fake: FakeWeChat,
	method: 'GET' | 'POST',
	path: string,
	options: {
		query?: Record<string, string>;
		json?: unknown;
		body?: string | Buffer;
		headers?: Record<string, string>;
	} = {},
): Promise<WireResponse> {
	const url = new URL(path, fake.url);
	for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
	const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
	const headers =
		options.json !== undefined
			? { 'content-type': 'application/json', ...options.headers }
			: options.headers;
	const res = await request(url, { method, body, headers });
	const text = await res.body.text();
	let parsed: WireBody = {};
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = {};
	}
	return { status: res.statusCode, headers: res.headers, text, body: parsed };
}

/** A business POST with the token in the query string, like every WeChat API. */
export function api(
	fake: FakeWeChat,
	path: string,
	token: string,
	json?: unknown,
): Promise<WireResponse> {
	return call(fake, 'POST', path, { query: { access_token: token }, json });
}

export function apiGet(
	fake: FakeWeChat,
	path: string,
	token: string,
	query: Record<string, string> = {},
) {
	return call(fake, 'GET', path, { query: { access_token: token, ...query } });
}

export function stableToken(
	fake: FakeWeChat,
	fields: Record<string, unknown> = {},
): Promise<WireResponse> {
	return call(fake, 'POST', '/cgi-bin/stable_token', {
		json: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, ...fields },
	});
}

export function classicToken(fake: FakeWeChat, query: Record<string, string> = {}) {
	return call(fake, 'GET', '/cgi-bin/token', {
		query: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, ...query },
	});
}

/** errcode of a business call that only checks the token (get_api_domain_ip). */
export async function tokenState(fake: FakeWeChat, token: string): Promise<number> {
	const res = await apiGet(fake, '/cgi-bin/get_api_domain_ip', token);
	return res.body.errcode ?? 0;
}

export const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
