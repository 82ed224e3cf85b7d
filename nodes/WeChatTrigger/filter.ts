import type { INodePropertyOptions } from 'n8n-workflow';

import type { CallbackRecord } from './callback/message';
import { fieldText } from './callback/message';

export const ALL_CALLBACKS = '*';

/**
 * Choices for "Trigger On". Messages are matched on MsgType, events on Event (MsgType=event);
 * values carry a prefix because WeChat reuses names across the two (location vs LOCATION).
 */
export const CALLBACK_KINDS: INodePropertyOptions[] = [
	{ name: 'All Messages and Events', value: ALL_CALLBACKS },
	{ name: 'Message: Image', value: 'message:image' },
	{ name: 'Message: Link', value: 'message:link' },
	{ name: 'Message: Location', value: 'message:location' },
	{ name: 'Message: Short Video', value: 'message:shortvideo' },
	{ name: 'Message: Text', value: 'message:text' },
	{ name: 'Message: Video', value: 'message:video' },
	{ name: 'Message: Voice', value: 'message:voice' },
	{
		name: 'Event: Location Reported (LOCATION)',
		value: 'event:LOCATION',
	},
	{
		name: 'Event: Mass Job Finished (MASSSENDJOBFINISH)',
		value: 'event:MASSSENDJOBFINISH',
	},
	{ name: 'Event: Menu Click (CLICK)', value: 'event:CLICK' },
	{ name: 'Event: Menu Link Opened (VIEW)', value: 'event:VIEW' },
	{ name: 'Event: QR Code Scanned by Follower (SCAN)', value: 'event:SCAN' },
	{ name: 'Event: Subscribe', value: 'event:subscribe' },
	{
		name: 'Event: Template Message Finished (TEMPLATESENDJOBFINISH)',
		value: 'event:TEMPLATESENDJOBFINISH',
	},
	{ name: 'Event: Unsubscribe', value: 'event:unsubscribe' },
];

/**
 * Whether a callback is one the user asked for. Event names are compared without case: WeChat
 * writes subscribe in lower case and SCAN in upper case, and SDKs disagree on the rest.
 */
export function isSelected(message: CallbackRecord, selected: string[]): boolean {
	if (selected.length === 0 || selected.includes(ALL_CALLBACKS)) return true;

	const msgType = fieldText(message, 'MsgType') ?? '';
	if (msgType.toLowerCase() !== 'event') return selected.includes(`message:${msgType}`);

	const event = (fieldText(message, 'Event') ?? '').toLowerCase();
	return selected.some((choice) => choice.toLowerCase() === `event:${event}`);
}
