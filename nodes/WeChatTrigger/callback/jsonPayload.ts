import { badRequest } from './rejection';
import type { CallbackRecord, CallbackValue } from './message';
import { LIST_ENTRY, MAX_PAYLOAD_DEPTH } from './message';

/**
 * Reads a callback in WeChat's JSON data format into the same shape as the XML reader gives:
 * every scalar as a string (numbers keep their exact source text, so a MsgId beyond 2^53 is not
 * rounded), `item` entries as arrays.
 */
export function parseJsonPayload(text: string): CallbackRecord {
	let parsed: unknown;
	try {
		parsed = JSON.parse(quoteNumbers(text));
	} catch {
		throw badRequest('JSON body is malformed');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw badRequest('JSON body is not an object');
	}
	return toCallbackValue(parsed, 0) as CallbackRecord;
}

/** Wraps every number literal outside strings in quotes. */
function quoteNumbers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (ch === 34) {
			i = endOfString(text, i);
			continue;
		}
		if (!isNumberStart(ch)) continue;
		let end = i + 1;
		while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
		out += text.slice(copiedUpTo, i) + '"' + text.slice(i, end) + '"';
		copiedUpTo = end;
		i = end - 1;
	}
	return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function endOfString(text: string, quote: number): number {
	for (let i = quote + 1; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (ch === 92) i++;
		else if (ch === 34) return i;
	}
	return text.length;
}

function isNumberStart(ch: number): boolean {
	return ch === 45 || (ch >= 48 && ch <= 57);
}

function isNumberChar(ch: number): boolean {
	return (ch >= 48 && ch <= 57) || ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45;
}

function toCallbackValue(value: unknown, depth: number): CallbackValue {
	if (depth > MAX_PAYLOAD_DEPTH) throw badRequest('JSON body is nested too deeply');
	if (value === null) return '';
	if (Array.isArray(value)) return value.map((entry) => toCallbackValue(entry, depth + 1));
	if (typeof value !== 'object') return String(value);

	const record: CallbackRecord = {};
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		if (key === '__proto__') throw badRequest('JSON body uses a reserved key');
		const converted = toCallbackValue(field, depth + 1);
		record[key] = key === LIST_ENTRY && !Array.isArray(converted) ? [converted] : converted;
	}
	return record;
}
