import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../perItem';
import { broadcastOnce } from './sendFlow';

export const description: INodeProperties[] = [
	{
		displayName:
			"Sends to every follower and enters the account's message history. A subscription account may do this once a day; a service account 4 times a month. It cannot be taken back.",
		name: 'sendToAllNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['massMessage'], operation: ['sendToAll'] } },
	},
];

/**
 * `mass/sendall` with `is_to_all: true`. For mpnews some accounts answered 40152 unless an
 * empty tag_id came along (wechat-api.md §G.7), while SDKs send none: we send none, and on
 * 40152 — a refusal, nothing sent — try once more with `tag_id: ""`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		items,
		async (itemIndex) =>
			await broadcastOnce(this, itemIndex, {
				action: 'Sending to all followers',
				audienceKey: 'all',
				audienceReport: { audience: 'all' },
				audience: (message) => ({
					audience: { filter: { is_to_all: true } },
					...(message.msgtype === 'mpnews'
						? {
								alternativeAudience: { filter: { is_to_all: true, tag_id: '' } },
								retryWithAlternativeOn: 40152,
							}
						: {}),
				}),
			}),
	);
}
