import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { readMsgId } from './msgId';

const properties: INodeProperties[] = [
	{
		displayName: 'Mass Message ID',
		name: 'msgId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3147483652',
		description: 'The msg_id returned when the mass message was sent',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['massMessage'], operation: ['getStatus'] } },
	properties,
);

/** The four values of `msg_status` that `mass/get` documents (wechat-api.md §B.7). */
const STATUS_MEANINGS: Record<string, string> = {
	SEND_SUCCESS: 'Sent: WeChat has delivered the mass message.',
	SENDING: 'Sending: WeChat is still delivering the mass message.',
	SEND_FAIL: 'Failed: WeChat could not deliver the mass message.',
	DELETE: 'Deleted: the articles of this mass message were deleted after sending.',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const msgId = readMsgId(this, itemIndex);

		// WeChat's reference types msg_id as a string here; a string also keeps any size exact.
		const answer = await wechatApiRequest(
			this,
			{
				action: `Getting the status of mass message ${msgId}`,
				method: 'POST',
				path: '/cgi-bin/message/mass/get',
				json: { msg_id: msgId },
			},
			itemIndex,
		);

		const status = String(answer.msg_status ?? '');
		return {
			msg_id: answer.msg_id === undefined ? msgId : String(answer.msg_id),
			msg_status: status,
			meaning: STATUS_MEANINGS[status] ?? `WeChat reported the status "${status}".`,
		};
	});
}
