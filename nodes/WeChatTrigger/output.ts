import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { OpenedCallback } from './callback/openCallback';

/**
 * The message fields at the top level under WeChat's own names (all strings; MsgId and MsgID
 * exceed 2^53 so they are never numbers), and what the trigger learnt about the delivery under
 * `callback`: the signed timestamp and nonce, the follower's openid from the query string, the
 * encryption mode and which EncodingAESKey opened it (Build Passive Reply encrypts with the same).
 */
export function callbackItem(
	opened: OpenedCallback,
	receivedAt: Date,
	includeRawMessage: boolean,
): INodeExecutionData {
	const callback: IDataObject = {
		timestamp: opened.timestamp,
		nonce: opened.nonce,
		openid: opened.openid ?? null,
		receivedAt: receivedAt.toISOString(),
		encryption: opened.encryption,
		aesKey: opened.aesKey ?? null,
		format: opened.format,
	};
	if (includeRawMessage) callback.rawMessage = opened.messageText;
	return { json: { ...(opened.message as IDataObject), callback } };
}
