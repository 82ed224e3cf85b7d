import { createHash } from 'node:crypto';

import type { FakeAccount } from './account';
import {
	isRecord,
	nonEmptyString,
	overDailyQuota,
	QUOTA_COUNTERS,
	type RouteContext,
	type RouteTable,
} from './route';
import { fail, ok, utf8Length, type Reply } from './wire';

const MAX_ARTICLES = 8;

function chars(value: unknown): number {
	return typeof value === 'string' ? [...value].length : 0;
}

function articleList(json: Record<string, unknown>): Record<string, unknown>[] | Reply {
	const articles = json.articles;
	if (!Array.isArray(articles) || articles.length === 0) return fail(44003, 'empty news data');
	if (articles.length > MAX_ARTICLES) return fail(45008, 'article size out of limit');
	if (!articles.every(isRecord)) return fail(47001, 'data format error');
	return articles;
}

/** Draft article limits (wechat-api.md §C.4); the cover must be permanent material. */
function draftArticleProblem(
	account: FakeAccount,
	article: Record<string, unknown>,
): Reply | undefined {
	if (!nonEmptyString(article.title) || !nonEmptyString(article.content)) {
		return fail(44003, 'empty news data');
	}
	if (chars(article.title) > 32) return fail(45003, 'title size out of limit');
	if (chars(article.author) > 16) return fail(45110, 'author size out of limit');
	if (chars(article.digest) > 128) return fail(45004, 'description size out of limit');
	if (chars(article.content) >= 20_000 || utf8Length(article.content) >= 1024 * 1024) {
		return fail(45002, 'content size out of limit');
	}
	if ((article.article_type ?? 'news') !== 'news') return undefined;
	const cover = nonEmptyString(article.thumb_media_id)
		? account.liveMedia(article.thumb_media_id)
		: undefined;
	if (!cover || !cover.permanent || (cover.kind !== 'image' && cover.kind !== 'thumb')) {
		return fail(40007, 'invalid media_id');
	}
	return undefined;
}

function addDraft(ctx: RouteContext): Reply {
	const { account } = ctx;
	const overQuota = overDailyQuota(account, QUOTA_COUNTERS.draftAdd, account.limits.draftAddPerDay);
	if (overQuota) return overQuota;
	const articles = articleList(ctx.json);
	if ('status' in articles) return articles;
	for (const article of articles) {
		const problem = draftArticleProblem(account, article);
		if (problem) return problem;
	}
	return ok({ media_id: account.storeDraft(articles).mediaId });
}

/**
 * `draft/get`: the articles of a draft still in the draft box, as `news_item`, with the read-only
 * `url` WeChat adds (wechat-api.md §C.4).
 */
function getDraft(ctx: RouteContext): Reply {
	const mediaId = ctx.json.media_id;
	const draft = nonEmptyString(mediaId) ? ctx.account.liveDraft(mediaId) : undefined;
	if (!draft) return fail(40007, 'invalid media_id');
	return ok({
		news_item: draft.articles.map((article) => ({
			...article,
			url: `http://mp.weixin.qq.com/s?__biz=fake&mid=${draft.mediaId.slice(0, 8)}`,
		})),
		create_time: Math.floor(draft.createdAt / 1000),
		update_time: Math.floor(draft.createdAt / 1000),
	});
}

/** Publishing removes the draft from the draft box; it is not a mass send. */
function submitPublish(ctx: RouteContext): Reply {
	const { account } = ctx;
	const mediaId = ctx.json.media_id;
	const draft = nonEmptyString(mediaId) ? account.liveDraft(mediaId) : undefined;
	if (!draft) return fail(40007, 'invalid media_id');

	const publishId = ctx.state.ids.nextPublishId();
	Object.assign(draft, { removedAt: account.now, removedBy: 'publish' as const, publishId });
	return ok({
		errcode: 0,
		errmsg: 'ok',
		publish_id: publishId,
		msg_data_id: BigInt(ctx.state.ids.nextMsgDataId()),
	});
}

/** Mass-only article bundle (temporary, 3 days); the doc says it moved to drafts (§C.3). */
function uploadNews(ctx: RouteContext): Reply {
	const { account } = ctx;
	if (ctx.state.quirks.uploadnewsDeprecated) return fail(45103, 'This API has been unsupported');
	const overQuota = overDailyQuota(
		account,
		QUOTA_COUNTERS.uploadnews,
		account.limits.uploadnewsPerDay,
	);
	if (overQuota) return overQuota;
	const articles = articleList(ctx.json);
	if ('status' in articles) return articles;
	for (const article of articles) {
		if (!nonEmptyString(article.title) || !nonEmptyString(article.content)) {
			return fail(44003, 'empty news data');
		}
		if (!nonEmptyString(article.thumb_media_id) || !account.liveMedia(article.thumb_media_id)) {
			return fail(40007, 'invalid media_id');
		}
	}

	const bundle = account.storeMedia({
		kind: 'news',
		permanent: false,
		size: ctx.rawBody.length,
		sha256: createHash('sha256').update(ctx.rawBody).digest('hex'),
		articles,
	});
	return ok({
		type: 'news',
		media_id: bundle.mediaId,
		created_at: Math.floor(bundle.createdAt / 1000),
	});
}

/** Turns a video media_id into the id msgtype mpvideo needs (§C.5). */
function uploadVideo(ctx: RouteContext): Reply {
	const { account, json } = ctx;
	const source = nonEmptyString(json.media_id) ? account.liveMedia(json.media_id) : undefined;
	if (!source || source.kind !== 'video') return fail(40007, 'invalid media_id');

	const video = account.storeMedia({
		kind: 'mpvideo',
		permanent: false,
		size: source.size,
		sha256: source.sha256,
		sourceMediaId: source.mediaId,
		title: typeof json.title === 'string' ? json.title : undefined,
		description: typeof json.description === 'string' ? json.description : undefined,
	});
	return ok({
		type: 'video',
		media_id: video.mediaId,
		created_at: Math.floor(video.createdAt / 1000),
	});
}

export const contentRoutes: RouteTable = {
	'/cgi-bin/draft/add': { method: 'POST', auth: true, body: 'json', handle: addDraft },
	'/cgi-bin/draft/get': { method: 'POST', auth: true, body: 'json', handle: getDraft },
	'/cgi-bin/freepublish/submit': {
		method: 'POST',
		auth: true,
		body: 'json',
		handle: submitPublish,
	},
	'/cgi-bin/media/uploadnews': { method: 'POST', auth: true, body: 'json', handle: uploadNews },
	'/cgi-bin/media/uploadvideo': { method: 'POST', auth: true, body: 'json', handle: uploadVideo },
	'/cgi-bin/material/add_news': {
		method: 'POST',
		auth: true,
		body: 'none',
		handle: () => fail(45103, 'This API has been unsupported'),
	},
};
