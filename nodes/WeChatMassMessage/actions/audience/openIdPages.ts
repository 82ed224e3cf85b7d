import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type OutputMode = 'perFollower' | 'allInOne';

/** Return All / Limit / output mode, shared by the operations that page through OpenIDs. */
export const openIdListProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'Each call to WeChat returns up to 10,000 OpenIDs; an account may make 500 such calls a day.',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{
				name: 'One Item per Follower',
				value: 'perFollower',
				description: 'Each follower becomes an item with its openid',
			},
			{
				name: 'One Item With All OpenIDs',
				value: 'allInOne',
				description:
					'A single item with an openids list; better for large accounts, where an item per follower is slow and uses a lot of memory',
			},
		],
		default: 'perFollower',
		description: 'How to shape the output',
	},
];

export interface OpenIdListSettings {
	limit: number | undefined;
	outputMode: OutputMode;
}

export function readOpenIdListSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
): OpenIdListSettings {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(ctx.getNodeParameter('limit', itemIndex, 50));
	if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
		throw new NodeOperationError(ctx.getNode(), `The Limit "${limit}" is not a positive number`, {
			itemIndex,
			description: 'Set Limit to a whole number such as 100, or turn on Return All.',
		});
	}
	const outputMode = ctx.getNodeParameter('outputMode', itemIndex, 'perFollower') as OutputMode;
	return { limit, outputMode };
}

export interface OpenIdCollection {
	openids: string[];
	/** `total` of the first page that carried one (user/get only). */
	total: number | null;
	pages: number;
}

/**
 * Pages through `user/get` or `user/tag/get`. Both answer `{count, data: {openid: [...]},
 * next_openid}` where next_openid is the last OpenID of the page, and the page after the last
 * one comes back with `count: 0`, an empty `next_openid` and sometimes no `data` at all
 * (wechat-api.md §D.1). So we stop on any of those, on the limit, and on a cursor that does not
 * move, which would otherwise loop over the same page for ever.
 */
export async function collectOpenIds(
	fetchPage: (nextOpenId: string) => Promise<IDataObject>,
	limit: number | undefined,
): Promise<OpenIdCollection> {
	const openids: string[] = [];
	let total: number | null = null;
	let pages = 0;
	let cursor = '';

	for (;;) {
		const answer = await fetchPage(cursor);
		pages++;
		if (total === null && typeof answer.total === 'number') total = answer.total;

		const page = pageOpenIds(answer);
		for (const openid of page) {
			if (limit !== undefined && openids.length >= limit) break;
			openids.push(openid);
		}

		const next = typeof answer.next_openid === 'string' ? answer.next_openid : '';
		const reachedLimit = limit !== undefined && openids.length >= limit;
		if (reachedLimit || page.length === 0 || Number(answer.count) === 0 || next === '') break;
		if (next === cursor) break;
		cursor = next;
	}

	return { openids, total, pages };
}

function pageOpenIds(answer: IDataObject): string[] {
	const data = answer.data as IDataObject | undefined;
	const list = data?.openid;
	return Array.isArray(list) ? list.map(String) : [];
}
