const NAME_START = 1;
const NAME_CHAR = 2;

/** ASCII only: WeChat's tags are ASCII, and a table lookup keeps the scan cheap. */
const NAME_TABLE = new Uint8Array(128);
for (let ch = 0; ch < 128; ch++) {
	const letter = (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 58;
	const other = (ch >= 48 && ch <= 57) || ch === 45 || ch === 46;
	NAME_TABLE[ch] = letter ? NAME_START | NAME_CHAR : other ? NAME_CHAR : 0;
}

export function isNameStart(ch: number): boolean {
	return ch < 128 && (NAME_TABLE[ch] & NAME_START) !== 0;
}

export function isNameChar(ch: number): boolean {
	return ch < 128 && (NAME_TABLE[ch] & NAME_CHAR) !== 0;
}

export function isWhitespace(ch: number): boolean {
	return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

export function isBlank(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		if (!isWhitespace(text.charCodeAt(i))) return false;
	}
	return true;
}
