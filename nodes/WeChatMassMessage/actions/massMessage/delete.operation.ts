import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { connectionError, weChatApiError } from '../../transport/errors';
import { callWeChat } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { readMsgId } from './msgId';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting cannot be undone. Only mass messages sent through the API that were sent successfully can be deleted, and only articles (mpnews) and videos (mpvideo). The article page stops opening, but followers keep the message card. If the same material was sent several times, deleting one send deletes all of them.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Delete By',
		name: 'deleteBy',
		type: 'options',
		options: [
			{
				name: 'Article URL',
				value: 'url',
				description: 'The link of an article of the mass message',
			},
			{
				name: 'Mass Message ID',
				value: 'msgId',
				description: 'The msg_id returned when the mass message was sent',
			},
		],
		default: 'msgId',
		description: 'How to identify the mass message to delete',
	},
	{
		displayName: 'Mass Message ID',
		name: 'msgId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3147483652',
		description: 'The msg_id returned when the mass message was sent',
		displayOptions: { show: { deleteBy: ['msgId'] } },
	},
	{
		displayName: 'Article Index',
		name: 'articleIndex',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 8, numberPrecision: 0 },
		default: 0,
		description:
			'Which article to delete: 0 deletes the whole mass message, 1 only the first article, 2 only the second, and so on',
		displayOptions: { show: { deleteBy: ['msgId'] } },
	},
	{
		displayName: 'Article URL',
		name: 'articleUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://mp.weixin.qq.com/s/AbCdEfGhIjKl',
		description: 'The link of an article of the mass message; the whole mass message is deleted',
		displayOptions: { show: { deleteBy: ['url'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['massMessage'], operation: ['delete'] } },
	properties,
);

/**
 * In the delete reference 40008 ("invalid message type") means the job is neither mpnews nor
 * mpvideo; the catalogue's general wording (pick another msgtype) would mislead here.
 */
const NOT_DELETABLE_TYPE = 40008;

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const target = readTarget(this, itemIndex);

		const outcome = await callWeChat(
			this,
			{
				action: target.label,
				method: 'POST',
				path: '/cgi-bin/message/mass/delete',
				json: target.body,
			},
			itemIndex,
		);
		if (outcome.kind === 'network') {
			throw connectionError(
				this.getNode(),
				target.label,
				outcome.reason,
				outcome.mayHaveArrived,
				itemIndex,
			);
		}
		if (outcome.errcode === NOT_DELETABLE_TYPE) {
			throw notDeletableError(this, target.label, outcome.errmsg, itemIndex);
		}
		if (outcome.errcode !== 0) {
			throw weChatApiError(
				this.getNode(),
				target.label,
				outcome.errcode,
				outcome.errmsg,
				itemIndex,
			);
		}

		return { deleted: true, ...target.output };
	});
}

interface DeleteTarget {
	label: string;
	body: IDataObject;
	output: IDataObject;
}

/** WeChat takes `msg_id` (+ `article_idx`) or `url`, and prefers `msg_id`, so we send only one. */
function readTarget(ctx: IExecuteFunctions, itemIndex: number): DeleteTarget {
	const deleteBy = ctx.getNodeParameter('deleteBy', itemIndex) as string;

	if (deleteBy === 'url') {
		const url = String(ctx.getNodeParameter('articleUrl', itemIndex) ?? '').trim();
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(ctx.getNode(), `The Article URL "${url}" is not a link`, {
				itemIndex,
				description:
					'Paste the full link of the article, e.g. https://mp.weixin.qq.com/s/AbCdEfGhIjKl.',
			});
		}
		return {
			label: 'Deleting the mass message of the article URL',
			body: { url },
			output: { url },
		};
	}

	const msgId = readMsgId(ctx, itemIndex);
	const articleIndex = Number(ctx.getNodeParameter('articleIndex', itemIndex, 0));
	if (!Number.isInteger(articleIndex) || articleIndex < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Article Index "${articleIndex}" is not a whole number from 0 up`,
			{
				itemIndex,
				description: 'Use 0 to delete the whole mass message, or 1, 2, … for a single article.',
			},
		);
	}
	return {
		label:
			articleIndex === 0
				? `Deleting mass message ${msgId}`
				: `Deleting article ${articleIndex} of mass message ${msgId}`,
		body: { msg_id: msgIdForDelete(msgId), article_idx: articleIndex },
		output: { msg_id: msgId, article_idx: articleIndex },
	};
}

/**
 * The delete reference types msg_id as a number (unlike mass/get). Real msg_ids fit a double
 * exactly; one that would not is sent as a string rather than rounded to another job's id.
 */
function msgIdForDelete(msgId: string): number | string {
	const asNumber = Number(msgId);
	return Number.isSafeInteger(asNumber) ? asNumber : msgId;
}

function notDeletableError(
	ctx: IExecuteFunctions,
	action: string,
	errmsg: string,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ errcode: NOT_DELETABLE_TYPE, errmsg },
		{
			message: `${action} failed: only articles (mpnews) and videos (mpvideo) can be deleted (WeChat error ${NOT_DELETABLE_TYPE})`,
			description: `This mass message is a text, image, voice or card message, which stays with the followers once sent. WeChat said: "${errmsg}".`,
			itemIndex,
			httpCode: String(NOT_DELETABLE_TYPE),
		},
	);
}
