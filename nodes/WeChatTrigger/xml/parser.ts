import { decodeEntities } from './entities';
import { XmlRejectedError } from './errors';
import type { XmlLimits } from './limits';
import { CALLBACK_XML_LIMITS } from './limits';
import { nameAt } from './names';
import { isBlank, isNameChar, isNameStart, isWhitespace } from './characters';

export type XmlValue = string | XmlRecord | XmlValue[];

export interface XmlRecord {
	[name: string]: XmlValue;
}

export interface XmlDocument {
	rootName: string;
	root: XmlValue;
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
	return new XmlReader(text, limits).read();
}

/**
 * The open elements live in three parallel arrays (name, record once a child arrived, text so
 * far) rather than one object per element, which keeps the hot loop free of allocations.
 */
class XmlReader {
	private readonly names: string[] = [];
	private readonly records: Array<XmlRecord | undefined> = [];
	private readonly texts: string[] = [];
	private depth = 0;
	private elementCount = 0;
	private document: XmlDocument | undefined;

	constructor(
		private readonly text: string,
		private readonly limits: XmlLimits,
	) {}

	read(): XmlDocument {
		const text = this.text;
		const length = text.length;
		let i = skipDeclaration(text);
		while (i < length) {
			if (text.charCodeAt(i) !== LT) {
				let next = text.indexOf('<', i);
				if (next === -1) next = length;
				this.addText(decodeEntities(text.slice(i, next)));
				i = next;
				continue;
			}
			const marker = text.charCodeAt(i + 1);
			if (marker === SLASH) i = this.closeElement(i);
			else if (marker === BANG) i = this.readMarkup(i);
			else if (marker === QUESTION) {
				throw new XmlRejectedError('XML contains a processing instruction');
			} else i = this.openElement(i);
		}
		if (this.depth > 0 || this.document === undefined) throw truncated();
		return this.document;
	}

	private openElement(start: number): number {
		const text = this.text;
		const nameEnd = readName(text, start + 1);
		const name = nameAt(text, start + 1, nameEnd);
		if (name === '__proto__') throw new XmlRejectedError('XML uses a reserved element name');

		if (++this.elementCount > this.limits.maxElements) {
			throw new XmlRejectedError(`XML has more than ${this.limits.maxElements} elements`);
		}
		if (this.depth === 0 && this.document !== undefined) {
			throw new XmlRejectedError('XML has more than one root element');
		}
		if (this.depth >= this.limits.maxDepth) {
			throw new XmlRejectedError(`XML is nested deeper than ${this.limits.maxDepth} levels`);
		}

		let i = nameEnd;
		for (;;) {
			const afterName = i;
			while (isWhitespace(text.charCodeAt(i))) i++;
			const ch = text.charCodeAt(i);
			if (ch === GT) {
				const leafEnd = this.readLeaf(name, i + 1);
				if (leafEnd !== -1) return leafEnd;
				this.names[this.depth] = name;
				this.records[this.depth] = undefined;
				this.texts[this.depth] = '';
				this.depth++;
				return i + 1;
			}
			if (ch === SLASH) {
				if (text.charCodeAt(i + 1) !== GT) throw malformed();
				this.attach(name, '');
				return i + 2;
			}
			if (Number.isNaN(ch)) throw truncated();
			if (i === afterName) throw malformed();
			i = skipAttribute(text, i);
		}
	}

	/**
	 * Most elements are leaves written in one piece, `<Name>text</Name>` or
	 * `<Name><![CDATA[text]]></Name>`; those are read in one step without touching the stack.
	 * Returns -1, having changed nothing, for anything else, which the general path then reads.
	 */
	private readLeaf(name: string, start: number): number {
		const text = this.text;
		let value: string;
		let end: number;
		if (text.charCodeAt(start) !== LT) {
			end = text.indexOf('<', start);
			if (end === -1) return -1;
			value = decodeEntities(text.slice(start, end));
		} else if (text.charCodeAt(start + 1) === SLASH) {
			value = '';
			end = start;
		} else if (text.startsWith('<![CDATA[', start)) {
			const close = text.indexOf(']]>', start + 9);
			if (close === -1) return -1;
			value = text.slice(start + 9, close);
			end = close + 3;
		} else {
			return -1;
		}
		if (
			text.charCodeAt(end) !== LT ||
			text.charCodeAt(end + 1) !== SLASH ||
			!text.startsWith(name, end + 2) ||
			text.charCodeAt(end + 2 + name.length) !== GT
		) {
			return -1;
		}
		this.attach(name, value);
		return end + 3 + name.length;
	}

	private closeElement(start: number): number {
		if (this.depth === 0) throw malformed();
		const text = this.text;
		const top = --this.depth;
		const name = this.names[top];
		const nameStart = start + 2;
		if (!text.startsWith(name, nameStart)) {
			throw nameStart + name.length > text.length ? truncated() : mismatched();
		}
		let i = nameStart + name.length;
		while (isWhitespace(text.charCodeAt(i))) i++;
		if (text.charCodeAt(i) !== GT) throw i >= text.length ? truncated() : mismatched();

		const record = this.records[top];
		this.records[top] = undefined;
		this.attach(name, record ?? this.texts[top]);
		return i + 1;
	}

	/** CDATA becomes text, comments are skipped, and any other `<!` (DOCTYPE, ENTITY) is refused. */
	private readMarkup(start: number): number {
		const text = this.text;
		if (text.startsWith('<![CDATA[', start)) {
			const end = text.indexOf(']]>', start + 9);
			if (end === -1) throw truncated();
			if (this.depth === 0) throw new XmlRejectedError('XML has text outside its root element');
			this.addText(text.slice(start + 9, end));
			return end + 3;
		}
		if (text.startsWith('<!--', start)) {
			const end = text.indexOf('-->', start + 4);
			if (end === -1) throw truncated();
			return end + 3;
		}
		throw new XmlRejectedError('XML declares a DTD or entities, which WeChat never sends');
	}

	private addText(segment: string): void {
		if (this.depth === 0) {
			if (!isBlank(segment)) throw new XmlRejectedError('XML has text outside its root element');
			return;
		}
		const top = this.depth - 1;
		if (this.records[top] !== undefined) {
			if (!isBlank(segment)) throw mixedContent();
			return;
		}
		this.texts[top] += segment;
	}

	private attach(name: string, value: XmlValue): void {
		if (this.depth === 0) {
			this.document = { rootName: name, root: value };
			return;
		}
		const top = this.depth - 1;
		let record = this.records[top];
		if (record === undefined) {
			if (!isBlank(this.texts[top])) throw mixedContent();
			record = {};
			this.records[top] = record;
			this.texts[top] = '';
		}
		if (!hasOwn.call(record, name)) {
			record[name] = name === LIST_ENTRY ? [value] : value;
			return;
		}
		const existing = record[name];
		if (Array.isArray(existing)) existing.push(value);
		else record[name] = [existing, value];
	}
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

function readName(text: string, start: number): number {
	if (!isNameStart(text.charCodeAt(start))) {
		throw start >= text.length ? truncated() : malformed();
	}
	let i = start + 1;
	while (isNameChar(text.charCodeAt(i))) i++;
	if (i - start > MAX_NAME_LENGTH) throw new XmlRejectedError('XML has an overlong element name');
	return i;
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
