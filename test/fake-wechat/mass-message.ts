import type { FakeAccount } from './account';
import { isRecord, nonEmptyString } from './route';
import type { Quirks } from './types';
import { fail, type Reply } from './wire';

export const MASS_MSGTYPES = ['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'];

/** A mass message body after shape validation. */
export interface MassMessage {
	msgtype: string;
	/** The object under its key (`images` for msgtype image). */
	content: Record<string, unknown>;
	mediaIds: string[];
	msgKey: string;
}

/** Key that identifies the same content across jobs, for per-message delivery counts. */
export function messageKey(msgtype: string, content: Record<string, unknown>): string {
	if (msgtype === 'text') return `text:${String(content.content)}`;
	if (msgtype === 'image') return `image:${(content.media_ids as string[]).join(',')}`;
	if (msgtype === 'wxcard') return `wxcard:${String(content.card_id)}`;
	return `${msgtype}:${String(content.media_id)}`;
}

function imageIds(
	json: Record<string, unknown>,
	allowSingle: boolean,
): { content: Record<string, unknown>; ids: unknown } | undefined {
	if (isRecord(json.images)) return { content: json.images, ids: json.images.media_ids };
	if (allowSingle && isRecord(json.image)) {
		const content = { ...json.image, media_ids: [json.image.media_id] };
		return { content, ids: content.media_ids };
	}
	return undefined;
}

/** Checks msgtype and the matching body object (wechat-api.md §B.3). */
export function readMassMessage(
	json: Record<string, unknown>,
	api: 'sendall' | 'send' | 'preview',
	quirks: Quirks,
): MassMessage | Reply {
	let msgtype = json.msgtype;
	let bodyKey = msgtype;
	if (msgtype === 'video' && api === 'send' && quirks.acceptVideoMsgtypeInSend) {
		msgtype = 'mpvideo';
		bodyKey = isRecord(json.video) ? 'video' : 'mpvideo';
	}
	if (typeof msgtype !== 'string' || !MASS_MSGTYPES.includes(msgtype)) {
		return fail(40008, 'invalid message type');
	}

	if (msgtype === 'image') {
		const found = imageIds(json, api === 'preview' || quirks.acceptSingleImageForm);
		if (!found) return fail(40008, 'invalid message type');
		const ids = found.ids;
		if (!Array.isArray(ids) || ids.length === 0 || !ids.every(nonEmptyString)) {
			return fail(40007, 'invalid media_id');
		}
		return {
			msgtype,
			content: found.content,
			mediaIds: ids,
			msgKey: messageKey(msgtype, found.content),
		};
	}

	const content = json[bodyKey as string];
	if (!isRecord(content)) return fail(40008, 'invalid message type');
	if (msgtype === 'text') {
		if (!nonEmptyString(content.content)) return fail(44004, 'empty content');
		return { msgtype, content, mediaIds: [], msgKey: messageKey(msgtype, content) };
	}
	if (msgtype === 'wxcard') {
		if (!nonEmptyString(content.card_id)) return fail(40073, 'invalid card id');
		return { msgtype, content, mediaIds: [], msgKey: messageKey(msgtype, content) };
	}
	if (!nonEmptyString(content.media_id)) return fail(40007, 'invalid media_id');
	return { msgtype, content, mediaIds: [content.media_id], msgKey: messageKey(msgtype, content) };
}

export interface ResolvedMedia {
	articleCount: number;
	/** The draft behind an mpnews media_id, if it is one. */
	draftId?: string;
}

function kindMismatch(quirks: Quirks): Reply {
	return quirks.mediaKindMismatchErrcode === -1
		? fail(-1, 'system error')
		: fail(40007, 'invalid media_id');
}

/**
 * Media behind a mass message must exist, be unexpired and be of the right kind. mpnews needs
 * a draft still in the draft box or an uploadnews bundle; mpvideo needs an uploadvideo id.
 */
export function resolveMassMedia(
	account: FakeAccount,
	message: MassMessage,
	quirks: Quirks,
): ResolvedMedia | Reply {
	if (message.msgtype === 'mpnews') {
		const id = message.mediaIds[0];
		const draft = account.liveDraft(id);
		if (draft) return { articleCount: draft.articles.length, draftId: id };
		if (account.drafts.has(id)) return fail(40007, 'invalid media_id');
		const bundle = account.liveMedia(id);
		if (!bundle) return fail(40007, 'invalid media_id');
		if (bundle.kind !== 'news') return kindMismatch(quirks);
		return { articleCount: bundle.articles?.length ?? 1 };
	}

	for (const id of message.mediaIds) {
		const media = account.liveMedia(id);
		if (!media)
			return account.drafts.has(id) ? kindMismatch(quirks) : fail(40007, 'invalid media_id');
		const fits =
			message.msgtype === 'mpvideo'
				? media.kind === 'mpvideo' || (media.kind === 'video' && media.permanent)
				: media.kind === message.msgtype;
		if (!fits) return kindMismatch(quirks);
	}
	return { articleCount: 0 };
}
