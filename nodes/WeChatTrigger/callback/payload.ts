import { XmlRejectedError } from '../xml/errors';
import type { XmlDocument } from '../xml/parser';
import { parseXml } from '../xml/parser';
import { parseJsonPayload } from './jsonPayload';
import type { CallbackRecord } from './message';
import { badRequest } from './rejection';

/** 数据格式 in the WeChat console: XML (the default) or JSON. */
export type PayloadFormat = 'xml' | 'json';

/**
 * The format announced by the Content-Type header. WeChat sends text/xml or application/json;
 * text/plain is accepted and decided by the first character, anything else is refused.
 */
export function payloadFormatOf(contentType: string | undefined, body: string): PayloadFormat {
	const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
	if (type.endsWith('/xml') || type.endsWith('+xml')) return 'xml';
	if (type === 'application/json' || type.endsWith('+json')) return 'json';
	if (type === 'text/plain') {
		const sniffed = sniffPayloadFormat(body);
		if (sniffed) return sniffed;
	}
	throw badRequest('Content-Type must be text/xml or application/json');
}

export function sniffPayloadFormat(text: string): PayloadFormat | undefined {
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (ch === 60) return 'xml';
		if (ch === 123) return 'json';
		if (ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9 && ch !== 0xfeff) return undefined;
	}
	return undefined;
}

/** Parses a callback body (outer envelope or decrypted message) into a record. */
export function parsePayload(text: string, format: PayloadFormat): CallbackRecord {
	if (format === 'json') return parseJsonPayload(text);
	const document = readXml(text);
	if (document.rootName !== 'xml' || typeof document.root !== 'object') {
		throw badRequest('XML body must be a single <xml> element with fields');
	}
	return document.root as CallbackRecord;
}

function readXml(text: string): XmlDocument {
	try {
		return parseXml(text);
	} catch (error) {
		throw badRequest(error instanceof XmlRejectedError ? error.message : 'XML is malformed');
	}
}
