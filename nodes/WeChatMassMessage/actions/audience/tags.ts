import type { IDataObject } from 'n8n-workflow';

import type { WeChatContext } from '../../transport/wechatApi';
import { wechatApiRequest } from '../../transport/wechatApi';

export interface WeChatTag {
	id: number;
	name: string;
	/** Followers carrying the tag. */
	count: number;
}

/** `GET /cgi-bin/tags/get`: every tag of the account, reserved ones (ids 0–2) included. */
export async function fetchTags(ctx: WeChatContext, itemIndex = 0): Promise<WeChatTag[]> {
	const answer = await wechatApiRequest(
		ctx,
		{ action: 'Listing the tags', method: 'GET', path: '/cgi-bin/tags/get' },
		itemIndex,
	);
	const tags = Array.isArray(answer.tags) ? (answer.tags as IDataObject[]) : [];
	return tags.map((tag) => ({
		id: Number(tag.id),
		name: String(tag.name ?? ''),
		count: Number(tag.count ?? 0),
	}));
}
