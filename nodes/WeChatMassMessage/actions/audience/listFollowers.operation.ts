import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { collectOpenIds, openIdListProperties, readOpenIdListSettings } from './openIdPages';

export const description = updateDisplayOptions(
	{ show: { resource: ['audience'], operation: ['listFollowers'] } },
	openIdListProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { limit, outputMode } = readOpenIdListSettings(this, itemIndex);

		const { openids, total, pages } = await collectOpenIds(
			async (nextOpenId) =>
				await wechatApiRequest(
					this,
					{
						action: 'Listing the followers',
						method: 'GET',
						path: '/cgi-bin/user/get',
						// Without next_openid WeChat starts from the first follower.
						qs: nextOpenId === '' ? {} : { next_openid: nextOpenId },
					},
					itemIndex,
				),
			limit,
		);
		this.logger.debug('Listed WeChat followers', { count: openids.length, total, pages });

		if (outputMode === 'allInOne') {
			return { openids, count: openids.length, total: total ?? openids.length };
		}
		return openids.map((openid) => ({ openid }));
	});
}
