import { XmlRejectedError } from './errors';

const PREDEFINED: Record<string, string> = {
	lt: '<',
	gt: '>',
	amp: '&',
	quot: '"',
	apos: "'",
};

const MAX_REFERENCE_LENGTH = 10;

/**
 * Expands the five predefined entities and numeric character references. Any other name is an
 * entity a DTD would have to declare, and DTDs are refused, so it is an error rather than text.
 */
export function decodeEntities(text: string): string {
	let amp = text.indexOf('&');
	if (amp === -1) return text;

	let out = '';
	let copiedUpTo = 0;
	while (amp !== -1) {
		const semicolon = text.indexOf(';', amp + 1);
		if (semicolon === -1 || semicolon - amp > MAX_REFERENCE_LENGTH) {
			throw new XmlRejectedError('XML contains a malformed entity reference');
		}
		out += text.slice(copiedUpTo, amp) + expandReference(text.slice(amp + 1, semicolon));
		copiedUpTo = semicolon + 1;
		amp = text.indexOf('&', copiedUpTo);
	}
	return out + text.slice(copiedUpTo);
}

const DECIMAL = /^#[0-9]{1,7}$/;
const HEXADECIMAL = /^#x[0-9a-fA-F]{1,6}$/;

function expandReference(name: string): string {
	const predefined = PREDEFINED[name];
	if (predefined !== undefined && Object.prototype.hasOwnProperty.call(PREDEFINED, name)) {
		return predefined;
	}
	let codePoint: number;
	if (DECIMAL.test(name)) codePoint = Number.parseInt(name.slice(1), 10);
	else if (HEXADECIMAL.test(name)) codePoint = Number.parseInt(name.slice(2), 16);
	else throw new XmlRejectedError('XML uses an entity other than the five predefined ones');

	if (!isXmlCharacter(codePoint)) {
		throw new XmlRejectedError('XML references a character that XML does not allow');
	}
	return String.fromCodePoint(codePoint);
}

/** The Char production of XML 1.0: no NUL, no lone surrogates, nothing above U+10FFFF. */
function isXmlCharacter(codePoint: number): boolean {
	if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true;
	if (codePoint < 0x20) return false;
	if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
	if (codePoint === 0xfffe || codePoint === 0xffff) return false;
	return codePoint <= 0x10ffff;
}
