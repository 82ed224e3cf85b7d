import { element, textElement } from './xmlWriter';

export type PassiveReplyType = 'text' | 'image' | 'voice' | 'video' | 'music' | 'news';

export interface ReplyArticle {
	title: string;
	description: string;
	picUrl: string;
	url: string;
}

export interface PassiveReply {
	/** The follower's OpenID: the incoming message's FromUserName. */
	toUserName: string;
	/** The account's original ID (gh_…): the incoming message's ToUserName. */
	fromUserName: string;
	createTime: number;
	type: PassiveReplyType;
	content?: string;
	mediaId?: string;
	title?: string;
	description?: string;
	musicUrl?: string;
	hqMusicUrl?: string;
	thumbMediaId?: string;
	articles?: ReplyArticle[];
}

/** The reply XML of 被动回复用户消息, one template per MsgType. */
export function buildPassiveReplyXml(reply: PassiveReply): string {
	const header =
		textElement('ToUserName', reply.toUserName) +
		textElement('FromUserName', reply.fromUserName) +
		element('CreateTime', String(reply.createTime)) +
		textElement('MsgType', reply.type);
	return element('xml', header + replyBody(reply));
}

function replyBody(reply: PassiveReply): string {
	switch (reply.type) {
		case 'text':
			return textElement('Content', reply.content ?? '');
		case 'image':
			return element('Image', textElement('MediaId', reply.mediaId ?? ''));
		case 'voice':
			return element('Voice', textElement('MediaId', reply.mediaId ?? ''));
		case 'video':
			return element(
				'Video',
				textElement('MediaId', reply.mediaId ?? '') +
					textElement('Title', reply.title ?? '') +
					textElement('Description', reply.description ?? ''),
			);
		case 'music':
			return element(
				'Music',
				textElement('Title', reply.title ?? '') +
					textElement('Description', reply.description ?? '') +
					textElement('MusicUrl', reply.musicUrl ?? '') +
					textElement('HQMusicUrl', reply.hqMusicUrl ?? '') +
					textElement('ThumbMediaId', reply.thumbMediaId ?? ''),
			);
		case 'news': {
			const articles = reply.articles ?? [];
			const items = articles.map((article) =>
				element(
					'item',
					textElement('Title', article.title) +
						textElement('Description', article.description) +
						textElement('PicUrl', article.picUrl) +
						textElement('Url', article.url),
				),
			);
			return element('ArticleCount', String(articles.length)) + element('Articles', items.join(''));
		}
	}
}
