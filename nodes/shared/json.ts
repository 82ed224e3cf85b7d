/**
 * WeChat emits ids such as `msg_id` (≥ 2^31) and callback `MsgId` (> 2^53) as bare JSON integers.
 * JSON.parse would round the large ones to the nearest double, so integers of 16 or more digits
 * are quoted before parsing, and the id fields below are always turned into strings so that
 * users see one type whatever the size.
 */
const ID_KEYS = new Set([
	'msg_id',
	'msg_data_id',
	'MsgId',
	'MsgID',
	'MsgDataId',
	'publish_id',
	'article_id',
]);

const LONG_INTEGER_DIGITS = 16;

export function parseWeChatJson(text: string): unknown {
	return stringifyIds(JSON.parse(quoteLongIntegers(text)));
}

/** Quotes integer literals with 16+ digits that stand outside JSON strings. */
export function quoteLongIntegers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (inString) {
			if (ch === 92 /* \ */) i++;
			else if (ch === 34 /* " */) inString = false;
			continue;
		}
		if (ch === 34) {
			inString = true;
			continue;
		}
		const isDigit = ch >= 48 && ch <= 57;
		if (!isDigit && ch !== 45 /* - */) continue;
		let end = i + 1;
		while (end < text.length && isDigitAt(text, end)) end++;
		const next = text.charCodeAt(end);
		const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69; /* E */
		const digits = end - i - (ch === 45 ? 1 : 0);
		if (isInteger && digits >= LONG_INTEGER_DIGITS) {
			out += text.slice(copiedUpTo, i) + '"' + text.slice(i, end) + '"';
			copiedUpTo = end;
		}
		i = end - 1;
	}
	return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function isDigitAt(text: string, index: number): boolean {
	const ch = text.charCodeAt(index);
	return ch >= 48 && ch <= 57;
}

function stringifyIds(value: unknown): unknown {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = stringifyIds(value[i]);
		return value;
	}
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const field = record[key];
			if (ID_KEYS.has(key) && typeof field === 'number') record[key] = String(field);
			else if (field !== null && typeof field === 'object') record[key] = stringifyIds(field);
		}
	}
	return value;
}
