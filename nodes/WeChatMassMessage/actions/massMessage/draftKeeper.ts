import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WeChatSession } from '../../transport/wechatApi';
import { callWeChat, wechatApiRequest } from '../../transport/wechatApi';
import type { BatchResult } from './submitBatch';

/** Fields of a draft article that draft/add accepts (wechat-api.md §C.4). */
const ARTICLE_FIELDS = [
	'article_type',
	'title',
	'author',
	'digest',
	'content',
	'content_source_url',
	'thumb_media_id',
	'need_open_comment',
	'only_fans_can_comment',
	'pic_crop_235_1',
	'pic_crop_1_1',
	'image_info',
	'cover_info',
	'product_info',
];

export interface DraftKeeper {
	/** Called when a batch failed; returns new message fields to retry it with, if it can. */
	recover(result: BatchResult): Promise<IDataObject | undefined>;
	recreated: IDataObject[];
}

/**
 * Nobody has confirmed whether a draft survives several mass/send batches, or is consumed by
 * the first like a sendall consumes it (wechat-api.md §G.8). So before a multi-batch mpnews
 * send we keep a copy of the draft's articles; if a later batch is refused with 40007 (the
 * draft is gone) we add the same articles as a new draft and send that batch with it. The
 * batch keeps its clientmsgid, which names the broadcast, not the draft. If the draft cannot
 * be read (it is an uploadnews bundle, say) the send goes on without this safety net.
 */
export async function keepDraft(
	ctx: IExecuteFunctions,
	itemIndex: number,
	mediaId: string,
	session: WeChatSession,
): Promise<DraftKeeper> {
	const recreated: IDataObject[] = [];
	const outcome = await callWeChat(
		ctx,
		{
			action: 'Reading the draft',
			method: 'POST',
			path: '/cgi-bin/draft/get',
			json: { media_id: mediaId },
		},
		itemIndex,
		session,
	);
	const articles =
		outcome.kind === 'answer' && outcome.errcode === 0 && Array.isArray(outcome.body.news_item)
			? (outcome.body.news_item as IDataObject[]).map(pickArticleFields)
			: undefined;
	if (!articles) {
		ctx.logger.debug('The mpnews media_id is not a readable draft; sending without a draft copy');
	}

	return {
		recreated,
		recover: async (result) => {
			if (
				!articles ||
				result.status !== 'failed' ||
				result.errcode !== 40007 ||
				result.batch === 1
			) {
				return undefined;
			}
			const answer = await wechatApiRequest(
				ctx,
				{
					action: `Re-creating the draft for batch ${result.batch}`,
					method: 'POST',
					path: '/cgi-bin/draft/add',
					json: { articles },
				},
				itemIndex,
				session,
			);
			const newMediaId = String(answer.media_id);
			recreated.push({ batch: result.batch, mediaId: newMediaId });
			return { mpnews: { media_id: newMediaId } };
		},
	};
}

function pickArticleFields(article: IDataObject): IDataObject {
	const picked: IDataObject = {};
	for (const field of ARTICLE_FIELDS) {
		if (article[field] !== undefined) picked[field] = article[field];
	}
	return picked;
}
