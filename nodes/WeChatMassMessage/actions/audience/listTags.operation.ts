import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../perItem';
import { fetchTags } from './tags';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const tags = await fetchTags(this, itemIndex);
		return tags.map(({ id, name, count }) => ({ id, name, count }));
	});
}
