import { decodeEntities } from './entities';
import { XmlRejectedError } from './errors';
import type { XmlLimits } from './limits';
import { CALLBACK_XML_LIMITS } from './limits';

export type XmlValue = string | XmlRecord | XmlValue[];

export interface XmlRecord {
	[name: string]: XmlValue;
}

export interface XmlDocument {
	rootName: string;
	root: XmlValue;
}

interface OpenElement {
	name: string;
	record: XmlRecord | undefined;
	text: string;
}

/** WeChat names every list entry `item`; such entries are arrays even when there is one. */
export const LIST_ENTRY = 'item';
const MAX_NAME_LENGTH = 128;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A single-pass reader for the XML WeChat pushes: elements, text, CDATA, comments and the five
 * predefined entities. Everything that could make a parser do unbounded or surprising work is
 * refused: DOCTYPE and ENTITY declarations, processing instructions, mixed content, and bodies
 * beyond the size, depth and element caps. Leaves become strings exactly as sent (ids such as
 * MsgId exceed 2^53, so nothing is converted to numbers), elements with children become records
 * keyed by tag name, repeated tags become arrays, and `item` entries are always arrays.
 * Attributes are skipped; WeChat does not use them.
 */
export function parseXml(text: string, limits: XmlLimits = CALLBACK_XML_LIMITS): XmlDocument {
	if (text.length > limits.maxLength) {
		throw new XmlRejectedError(`XML is larger than ${limits.maxLength} characters`);
	}
	const length = text.length;
	const stack: OpenElement[] = [];
	let document: XmlDocument | undefined;
	let elementCount = 0;

	const attach = (name: string, value: XmlValue) => {
		const parent = stack[stack.length - 1];
		if (parent === undefined) {
			document = { rootName: name, root: value };
			return;
		}
		if (parent.record === undefined) {
			if (!isBlank(parent.text)) throw mixedContent();
			parent.record = {};
			parent.text = '';
		}
		const record = parent.record;
		if (!hasOwn.call(record, name)) {
			record[name] = name === LIST_ENTRY ? [value] : value;
			return;
		}
		const existing = record[name];
		if (Array.isArray(existing)) existing.push(value);
		else record[name] = [existing, value];
	};

	const appendText = (segment: string) => {
		const open = stack[stack.length - 1];
		if (open === undefined) {
			if (!isBlank(segment)) throw new XmlRejectedError('XML has text outside its root element');
			return;
		}
		if (open.record !== undefined) {
			if (!isBlank(segment)) throw mixedContent();
			return;
		}
		open.text += segment;
	};

	let i = skipDeclaration(text);
	while (i < length) {
		if (text.charCodeAt(i) !== LT) {
			let next = text.indexOf('<', i);
			if (next === -1) next = length;
			appendText(decodeEntities(text.slice(i, next)));
			i = next;
			continue;
		}

		const marker = text.charCodeAt(i + 1);
		if (marker === SLASH) {
			const open = stack.pop();
			if (open === undefined) throw malformed();
			i = readClosingTag(text, i, open.name);
			attach(open.name, open.record ?? open.text);
			continue;
		}
		if (marker === BANG) {
			if (text.startsWith('<![CDATA[', i)) {
				const end = text.indexOf(']]>', i + 9);
				if (end === -1) throw truncated();
				if (stack.length === 0) throw new XmlRejectedError('XML has text outside its root element');
				appendText(text.slice(i + 9, end));
				i = end + 3;
			} else if (text.startsWith('<!--', i)) {
				const end = text.indexOf('-->', i + 4);
				if (end === -1) throw truncated();
				i = end + 3;
			} else {
				throw new XmlRejectedError('XML declares a DTD or entities, which WeChat never sends');
			}
			continue;
		}
		if (marker === QUESTION) {
			throw new XmlRejectedError('XML contains a processing instruction');
		}

		const tag = readOpeningTag(text, i);
		if (++elementCount > limits.maxElements) {
			throw new XmlRejectedError(`XML has more than ${limits.maxElements} elements`);
		}
		if (stack.length === 0 && document !== undefined) {
			throw new XmlRejectedError('XML has more than one root element');
		}
		if (stack.length >= limits.maxDepth) {
			throw new XmlRejectedError(`XML is nested deeper than ${limits.maxDepth} levels`);
		}
		if (tag.selfClosing) attach(tag.name, '');
		else stack.push({ name: tag.name, record: undefined, text: '' });
		i = tag.end;
	}

	if (stack.length > 0 || document === undefined) throw truncated();
	return document;
}

function skipDeclaration(text: string): number {
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	while (isWhitespace(text.charCodeAt(i))) i++;
	if (text.startsWith('<?xml', i) && !isNameChar(text.charCodeAt(i + 5))) {
		const end = text.indexOf('?>', i + 5);
		if (end === -1) throw truncated();
		i = end + 2;
	}
	return i;
}

function readOpeningTag(
	text: string,
	start: number,
): { name: string; selfClosing: boolean; end: number } {
	const nameEnd = readName(text, start + 1);
	const name = text.slice(start + 1, nameEnd);
	if (name === '__proto__') throw new XmlRejectedError('XML uses a reserved element name');

	let i = nameEnd;
	for (;;) {
		const afterName = i;
		while (isWhitespace(text.charCodeAt(i))) i++;
		const ch = text.charCodeAt(i);
		if (ch === GT) return { name, selfClosing: false, end: i + 1 };
		if (ch === SLASH) {
			if (text.charCodeAt(i + 1) !== GT) throw malformed();
			return { name, selfClosing: true, end: i + 2 };
		}
		if (Number.isNaN(ch)) throw truncated();
		if (i === afterName) throw malformed();
		i = skipAttribute(text, i);
	}
}

function skipAttribute(text: string, start: number): number {
	let i = readName(text, start);
	while (isWhitespace(text.charCodeAt(i))) i++;
	if (text.charCodeAt(i) !== EQUALS) throw malformed();
	i++;
	while (isWhitespace(text.charCodeAt(i))) i++;
	const quote = text.charCodeAt(i);
	if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) throw malformed();
	const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", i + 1);
	if (close === -1) throw truncated();
	if (text.slice(i + 1, close).includes('<')) throw malformed();
	return close + 1;
}

function readClosingTag(text: string, start: number, expectedName: string): number {
	const nameStart = start + 2;
	if (!text.startsWith(expectedName, nameStart)) {
		throw nameStart + expectedName.length > text.length ? truncated() : mismatched();
	}
	let i = nameStart + expectedName.length;
	while (isWhitespace(text.charCodeAt(i))) i++;
	if (text.charCodeAt(i) !== GT) throw i >= text.length ? truncated() : mismatched();
	return i + 1;
}

function readName(text: string, start: number): number {
	if (!isNameStart(text.charCodeAt(start))) {
		throw start >= text.length ? truncated() : malformed();
	}
	let i = start + 1;
	while (isNameChar(text.charCodeAt(i))) i++;
	if (i - start > MAX_NAME_LENGTH) throw new XmlRejectedError('XML has an overlong element name');
	return i;
}

function isNameStart(ch: number): boolean {
	return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 58;
}

function isNameChar(ch: number): boolean {
	return isNameStart(ch) || (ch >= 48 && ch <= 57) || ch === 45 || ch === 46;
}

function isWhitespace(ch: number): boolean {
	return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

function isBlank(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		if (!isWhitespace(text.charCodeAt(i))) return false;
	}
	return true;
}

function malformed(): XmlRejectedError {
	return new XmlRejectedError('XML is malformed');
}

function truncated(): XmlRejectedError {
	return new XmlRejectedError('XML ends before it is complete');
}

function mismatched(): XmlRejectedError {
	return new XmlRejectedError('XML has a closing tag that does not match');
}

function mixedContent(): XmlRejectedError {
	return new XmlRejectedError('XML mixes text and elements, which WeChat never sends');
}
