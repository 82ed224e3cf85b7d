import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { buildMessage } from './buildMessage';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['massMessage'], operation: ['preview'], ...extra },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Send Preview To',
		name: 'previewTo',
		type: 'options',
		displayOptions: show(),
		options: [
			{ name: 'OpenID', value: 'openId' },
			{
				name: 'WeChat ID',
				value: 'wxName',
				description: 'The WeChat ID (微信号) of a follower; 100 previews a day',
			},
		],
		default: 'openId',
	},
	{
		displayName: 'OpenID',
		name: 'previewOpenId',
		type: 'string',
		required: true,
		displayOptions: show({ previewTo: ['openId'] }),
		default: '',
		placeholder: 'e.g. oLVPpjqs9BhvzwPj5A-vTYAX3GLc',
	},
	{
		displayName: 'WeChat ID',
		name: 'previewWxName',
		type: 'string',
		required: true,
		displayOptions: show({ previewTo: ['wxName'] }),
		default: '',
		placeholder: 'e.g. zhangsan_2024',
	},
];

/** `mass/preview`: the message as followers will see it, delivered to one follower only. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const to = this.getNodeParameter('previewTo', itemIndex) as string;
		const recipient = String(
			this.getNodeParameter(to === 'wxName' ? 'previewWxName' : 'previewOpenId', itemIndex),
		).trim();
		if (!recipient) {
			throw new NodeOperationError(this.getNode(), 'Say who receives the preview', {
				itemIndex,
				description: 'Fill in the OpenID or WeChat ID of the follower who should see the preview.',
			});
		}
		const message = await buildMessage(this, itemIndex);
		const answer = await wechatApiRequest(
			this,
			{
				action: 'Sending the preview',
				method: 'POST',
				path: '/cgi-bin/message/mass/preview',
				json: {
					[to === 'wxName' ? 'towxname' : 'touser']: recipient,
					msgtype: message.msgtype,
					...message.fields,
				},
			},
			itemIndex,
		);
		return {
			status: 'sent',
			previewTo: to === 'wxName' ? { wxName: recipient } : { openId: recipient },
			msgType: message.msgtype,
			msgId: answer.msg_id === undefined ? null : String(answer.msg_id),
			...(message.uploads.length > 0 ? { uploads: message.uploads } : {}),
		};
	});
}
