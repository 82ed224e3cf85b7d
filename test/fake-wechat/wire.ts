import { randomBytes } from 'node:crypto';

/** What a route handler answers; the server serialises it and adds the rid suffix to errors. */
export interface Reply {
	status: number;
	body: Record<string, unknown> | string;
	contentType?: string;
}

export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

export function ok(body: Record<string, unknown>): Reply {
	return { status: 200, body };
}

/** Business errors are HTTP 200 with errcode/errmsg, exactly like WeChat. */
export function fail(errcode: number, errmsg: string, extra: Record<string, unknown> = {}): Reply {
	return { status: 200, body: { errcode, errmsg, ...extra } };
}

export function isFailure(reply: Reply): boolean {
	return (
		typeof reply.body === 'object' &&
		typeof reply.body.errcode === 'number' &&
		reply.body.errcode !== 0
	);
}

/** Newer WeChat errmsg suffix, e.g. ` rid: 61021f78-194af5af-447f78c6` (first part: unix seconds). */
export function ridSuffix(nowMs: number): string {
	const seconds = Math.floor(nowMs / 1000)
		.toString(16)
		.padStart(8, '0');
	return ` rid: ${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

const BIGINT_MARK = /"\\u0000int:(-?\d+)\\u0000"/g;

/** JSON.stringify that writes BigInt values as bare integers (msg_id, msg_data_id). */
export function stringifyWire(body: unknown): string {
	const text = JSON.stringify(body, (_key, value: unknown) =>
		typeof value === 'bigint' ? `\u0000int:${value.toString()}\u0000` : value,
	);
	return text.replace(BIGINT_MARK, '$1');
}

/**
 * True when a JSON text carries a `\uXXXX` escape of a non-ASCII character, which WeChat refuses
 * with 40033 (it wants raw UTF-8). Escapes of ASCII control characters are legitimate JSON.
 */
export function hasNonAsciiEscape(jsonText: string): boolean {
	for (
		let i = jsonText.indexOf('\\');
		i !== -1 && i < jsonText.length;
		i = jsonText.indexOf('\\', i)
	) {
		if (jsonText[i + 1] === 'u') {
			const code = parseInt(jsonText.slice(i + 2, i + 6), 16);
			if (code >= 0x80) return true;
			i += 6;
		} else {
			i += 2;
		}
	}
	return false;
}

export function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** Stable JSON of a value with sorted keys, for digests. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
			a < b ? -1 : a > b ? 1 : 0,
		);
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
