import type { FakeAccount } from './account';
import { audienceRoutes } from './audience-routes';
import { contentRoutes } from './content-routes';
import { massAdminRoutes } from './mass-admin-routes';
import { massSendRoutes } from './mass-routes';
import { miscRoutes } from './misc-routes';
import { boundaryOf, parseMultipart, type ParsedMultipart } from './multipart';
import { isRecord, type FakeState, type Route, type RouteTable } from './route';
import { tokenRoutes } from './token-routes';
import { checkToken } from './tokens';
import type { RequestLogEntry } from './types';
import { uploadRoutes } from './upload-routes';
import {
	fail,
	hasNonAsciiEscape,
	JSON_CONTENT_TYPE,
	ridSuffix,
	stringifyWire,
	type Reply,
} from './wire';

const ROUTES: RouteTable = {
	...tokenRoutes,
	...massSendRoutes,
	...massAdminRoutes,
	...uploadRoutes,
	...contentRoutes,
	...audienceRoutes,
	...miscRoutes,
};

export interface RequestBody {
	rawBody: Buffer;
	/** The body as UTF-8 text ('' for multipart). */
	text: string;
	multipart?: ParsedMultipart;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return isRecord(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The log entry of a request: query, JSON or multipart parts, and whose token it carries. */
export function describeRequest(
	state: FakeState,
	req: { method?: string; headers: { 'content-type'?: string } },
	url: URL,
	rawBody: Buffer,
): { entry: RequestLogEntry; body: RequestBody } {
	const query = Object.fromEntries(url.searchParams);
	const boundary = boundaryOf(req.headers['content-type']);
	const multipart = boundary ? parseMultipart(rawBody, boundary) : undefined;
	const text = boundary ? '' : rawBody.toString('utf8');
	const json = text.trim() ? parseJsonObject(text) : undefined;
	const token = query.access_token || undefined;
	const appId =
		(token && state.tokens.find(token)?.appId) ||
		query.appid ||
		(typeof json?.appid === 'string' ? json.appid : undefined);
	const entry: RequestLogEntry = {
		at: state.clock.now(),
		method: req.method ?? 'GET',
		path: url.pathname,
		query,
		appId: appId || undefined,
		token,
		json,
		rawBody,
		multipart: multipart && {
			fields: multipart.fields,
			files: multipart.files.map((f) => ({
				name: f.name,
				filename: f.filename,
				contentType: f.contentType,
				size: f.size,
				sha256: f.sha256,
			})),
		},
		status: 0,
		response: undefined,
	};
	return { entry, body: { rawBody, text, multipart } };
}

/** Method, token and body checks in WeChat's order, then the route itself. */
export function dispatch(
	state: FakeState,
	ip: string,
	entry: RequestLogEntry,
	body: RequestBody,
): Reply {
	const route: Route | undefined = ROUTES[entry.path];
	if (!route) return { status: 404, body: 'Not Found', contentType: 'text/html' };
	if (route.method === 'POST' && entry.method !== 'POST') return fail(43002, 'require POST method');

	let account: FakeAccount | undefined;
	if (route.auth) {
		const check = checkToken(state.tokens, entry.token, state.clock.now(), state.quirks);
		if (!check.ok) return fail(check.errcode, check.errmsg);
		account = state.accounts.get(check.record.appId);
		if (!account) return fail(40001, 'invalid credential');
	}

	let json: Record<string, unknown> = {};
	if (route.body === 'json' || route.body === 'optionalJson') {
		if (body.text.trim() === '') {
			if (route.body === 'json') return fail(44002, 'empty post data');
		} else {
			if (!isRecord(entry.json)) return fail(47001, 'data format error');
			if (state.quirks.rejectUnicodeEscapes && hasNonAsciiEscape(body.text)) {
				return fail(
					40033,
					'invalid charset. please check your request, if include \\uxxxx will create fail!',
				);
			}
			json = entry.json;
		}
	}

	return route.handle({
		entry,
		method: entry.method,
		query: entry.query,
		json,
		rawBody: body.rawBody,
		multipart: body.multipart,
		account: account as FakeAccount,
		ip,
		state,
	});
}

/** Wire text of a reply; business errors get the rid suffix when the quirk asks for it. */
export function serialise(state: FakeState, reply: Reply): { text: string; contentType: string } {
	if (typeof reply.body === 'string') {
		return { text: reply.body, contentType: reply.contentType ?? 'text/plain' };
	}
	const body = { ...reply.body };
	if (typeof body.errcode === 'number' && body.errcode !== 0 && state.quirks.ridSuffix) {
		body.errmsg = `${String(body.errmsg)}${ridSuffix(state.clock.now())}`;
	}
	return { text: stringifyWire(body), contentType: JSON_CONTENT_TYPE };
}
