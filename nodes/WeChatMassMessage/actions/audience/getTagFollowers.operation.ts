import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { collectOpenIds, openIdListProperties, readOpenIdListSettings } from './openIdPages';

const properties: INodeProperties[] = [
	{
		displayName: 'Tag Name or ID',
		name: 'tagId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTags' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	...openIdListProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['audience'], operation: ['getTagFollowers'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const tagId = readTagId(this, itemIndex);
		const { limit, outputMode } = readOpenIdListSettings(this, itemIndex);

		const { openids, pages } = await collectOpenIds(
			async (nextOpenId) =>
				await wechatApiRequest(
					this,
					{
						action: `Listing the followers of tag ${tagId}`,
						method: 'POST',
						path: '/cgi-bin/user/tag/get',
						json: { tagid: tagId, next_openid: nextOpenId },
					},
					itemIndex,
				),
			limit,
		);
		this.logger.debug('Listed WeChat tag followers', { tagId, count: openids.length, pages });

		if (outputMode === 'allInOne') return { tagId, openids, count: openids.length };
		return openids.map((openid) => ({ openid }));
	});
}

function readTagId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('tagId', itemIndex);
	const tagId = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim() || NaN);
	if (!Number.isInteger(tagId) || tagId < 0) {
		throw new NodeOperationError(ctx.getNode(), `The tag "${String(raw)}" is not a tag ID`, {
			itemIndex,
			description:
				'Pick a tag from the list, or use the numeric ID shown by Audience → List Tags, e.g. 134.',
		});
	}
	return tagId;
}
