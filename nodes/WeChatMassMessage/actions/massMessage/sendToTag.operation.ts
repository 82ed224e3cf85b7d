import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../perItem';
import { broadcastOnce } from './sendFlow';

export const description: INodeProperties[] = [
	{
		displayName: 'Tag Name or ID',
		name: 'tagId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTags' },
		required: true,
		displayOptions: { show: { resource: ['massMessage'], operation: ['sendToTag'] } },
		default: '',
		description:
			'The followers with this tag (标签) receive the message; an ID looks like 134. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const tagId = readTagId(this, itemIndex);
		return await broadcastOnce(this, itemIndex, {
			action: `Sending to tag ${tagId}`,
			audienceKey: `tag:${tagId}`,
			audienceReport: { audience: 'tag', tagId },
			// A JSON boolean and integer: strings have coincided with 40008 (wechat-api.md §B.1).
			audience: () => ({ audience: { filter: { is_to_all: false, tag_id: tagId } } }),
		});
	});
}

function readTagId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('tagId', itemIndex) as string | number;
	const tagId = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (String(raw).trim() === '' || !Number.isInteger(tagId) || tagId < 0) {
		throw new NodeOperationError(ctx.getNode(), `"${raw}" is not a tag ID`, {
			itemIndex,
			description:
				'Pick a tag from the list, or give its numeric ID (see Audience → List Tags), e.g. 134.',
		});
	}
	return tagId;
}
