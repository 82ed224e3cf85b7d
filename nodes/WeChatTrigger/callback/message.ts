import type { XmlRecord, XmlValue } from '../xml/parser';

/** A callback message as the trigger outputs it: WeChat's own field names, all values strings. */
export type CallbackRecord = XmlRecord;
export type CallbackValue = XmlValue;

export { LIST_ENTRY } from '../xml/parser';

export const MAX_PAYLOAD_DEPTH = 16;

/** Bodies above this are refused before parsing; real callbacks stay below 10 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

export function fieldText(record: CallbackRecord, name: string): string | undefined {
	const value = record[name];
	return typeof value === 'string' ? value : undefined;
}
