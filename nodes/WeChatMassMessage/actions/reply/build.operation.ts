import { randomInt } from 'node:crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallbackConfig } from '../../../WeChatTrigger/callback/config';
import { callbackConfigFrom, CallbackConfigError } from '../../../WeChatTrigger/callback/config';
import { encryptReplyXml } from '../../../WeChatTrigger/reply/encryptedReply';
import type {
	PassiveReply,
	PassiveReplyType,
	ReplyArticle,
} from '../../../WeChatTrigger/reply/passiveReply';
import { buildPassiveReplyXml } from '../../../WeChatTrigger/reply/passiveReply';
import { forEachItem } from '../perItem';
import { buildReplyProperties } from './build.description';

export const description: INodeProperties[] = buildReplyProperties;

const MAX_ARTICLES = 8;

const MEDIA_REPLY_LABEL: Record<string, string> = {
	image: 'An image reply',
	voice: 'A voice reply',
	video: 'A video reply',
};

/**
 * Builds the XML WeChat expects as the HTTP answer to a callback (被动回复). In safe mode the
 * reply is encrypted and signed with the callback credential, using the EncodingAESKey that
 * opened the callback (the trigger item says which under callback.aesKey).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	let config: CallbackConfig | undefined;
	return await forEachItem(this, items, async (itemIndex) => {
		config ??= await loadConfig(this, itemIndex);
		const now = Math.floor(Date.now() / 1000);
		const replyXml = buildPassiveReplyXml(readReply(this, itemIndex, now));
		if (config.mode !== 'safe') return { reply: replyXml };

		const callback = items[itemIndex].json.callback as IDataObject | undefined;
		const key = (callback?.aesKey === 'previous' && config.keys[1]) || config.keys[0];
		const sealed = encryptReplyXml(replyXml, {
			token: config.token,
			appId: config.appId,
			key,
			timestamp: String(now),
			nonce: String(randomInt(100_000_000, 2_000_000_000)),
		});
		return { reply: sealed };
	});
}

async function loadConfig(ctx: IExecuteFunctions, itemIndex: number): Promise<CallbackConfig> {
	try {
		return callbackConfigFrom(await ctx.getCredentials('wechatCallbackApi', itemIndex));
	} catch (error) {
		if (error instanceof CallbackConfigError) {
			throw new NodeOperationError(
				ctx.getNode(),
				`WeChat Callback API credential: ${error.message}`,
				{
					itemIndex,
				},
			);
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

function readReply(ctx: IExecuteFunctions, itemIndex: number, now: number): PassiveReply {
	const text = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex });

	const type = ctx.getNodeParameter('replyType', itemIndex) as PassiveReplyType;
	const reply: PassiveReply = {
		type,
		toUserName: text('toUserName'),
		fromUserName: text('fromUserName'),
		createTime: now,
	};
	if (!reply.toUserName || !reply.fromUserName) {
		throw fail(
			'To and From are empty: connect this node after a WeChat Trigger or fill in the OpenID and the account’s original ID',
		);
	}

	if (type === 'text') {
		reply.content = String(ctx.getNodeParameter('content', itemIndex, '') ?? '');
		if (!reply.content) throw fail('The reply text is empty');
	}
	if (type === 'image' || type === 'voice' || type === 'video') {
		reply.mediaId = text('mediaId');
		if (!reply.mediaId)
			throw fail(`${MEDIA_REPLY_LABEL[type]} needs the media_id of uploaded material`);
	}
	if (type === 'video' || type === 'music') {
		reply.title = text('title');
		reply.description = text('description');
	}
	if (type === 'music') {
		reply.musicUrl = text('musicUrl');
		reply.hqMusicUrl = text('hqMusicUrl');
		reply.thumbMediaId = text('thumbMediaId');
		if (!reply.thumbMediaId) throw fail('A music reply needs the media_id of a thumbnail image');
	}
	if (type === 'news') {
		reply.articles = readArticles(ctx, itemIndex);
		if (reply.articles.length === 0) throw fail('A news reply needs at least one article');
		if (reply.articles.length > MAX_ARTICLES) {
			throw fail(`A news reply can carry at most ${MAX_ARTICLES} articles`);
		}
	}
	return reply;
}

function readArticles(ctx: IExecuteFunctions, itemIndex: number): ReplyArticle[] {
	const collection = ctx.getNodeParameter('articles', itemIndex, {}) as {
		article?: Array<Partial<ReplyArticle>>;
	};
	return (collection.article ?? []).map((article) => ({
		title: String(article.title ?? ''),
		description: String(article.description ?? ''),
		picUrl: String(article.picUrl ?? ''),
		url: String(article.url ?? ''),
	}));
}
