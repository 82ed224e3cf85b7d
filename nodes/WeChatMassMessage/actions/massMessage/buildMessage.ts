import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TemporaryMediaType } from '../../transport/media';
import { convertVideoForMass, readMediaBinary, uploadTemporaryMedia } from '../../transport/media';
import { toList } from './listParameter';

export interface MassMessageContent {
	msgtype: string;
	/** What the message adds to a send body, e.g. `{ text: { content } }` or `{ images: {...} }`. */
	fields: IDataObject;
	/**
	 * Describes the content for the clientmsgid. Files are named by their sha256, never by the
	 * media_id of a fresh upload: a retry uploads again and gets a new media_id, and the retry
	 * must still be recognised as the same message.
	 */
	fingerprint: string;
	/** Media uploaded from binary properties on the way, for the output. */
	uploads: IDataObject[];
}

/** Reads the message parameters of one item and uploads what comes from binary properties. */
export async function buildMessage(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<MassMessageContent> {
	const msgtype = ctx.getNodeParameter('messageType', itemIndex) as string;
	const param = (name: string, fallback: unknown = '') =>
		ctx.getNodeParameter(name, itemIndex, fallback);
	const uploads: IDataObject[] = [];

	const media = async (
		type: 'voice',
		sourceParam: string,
		idParam: string,
		binaryParam: string,
	) => {
		if (param(sourceParam, 'mediaId') === 'binary') {
			const file = await readMediaBinary(ctx, itemIndex, String(param(binaryParam, 'data')), type);
			const uploaded = await uploadTemporaryMedia(ctx, itemIndex, file, type);
			uploads.push({
				property: String(param(binaryParam, 'data')),
				type,
				mediaId: uploaded.mediaId,
			});
			return { mediaId: uploaded.mediaId, identity: `sha256:${file.sha256}` };
		}
		const mediaId = required(ctx, itemIndex, String(param(idParam)), 'Media ID');
		return { mediaId, identity: `id:${mediaId}` };
	};

	switch (msgtype) {
		case 'text': {
			const content = String(param('text'));
			if (!content.trim()) throw missing(ctx, itemIndex, 'Text');
			return { msgtype, fields: { text: { content } }, fingerprint: `text:${content}`, uploads };
		}
		case 'mpnews': {
			const mediaId = required(ctx, itemIndex, String(param('mpnewsMediaId')), 'Draft Media ID');
			const ignoreReprint = param('sendIgnoreReprint', false) ? 1 : 0;
			return {
				msgtype,
				fields: { mpnews: { media_id: mediaId }, send_ignore_reprint: ignoreReprint },
				fingerprint: `mpnews:${mediaId}:${ignoreReprint}`,
				uploads,
			};
		}
		case 'voice': {
			const voice = await media('voice', 'voiceSource', 'voiceMediaId', 'voiceBinaryProperty');
			return {
				msgtype,
				fields: { voice: { media_id: voice.mediaId } },
				fingerprint: `voice:${voice.identity}`,
				uploads,
			};
		}
		case 'image':
			return await buildImages(ctx, itemIndex, uploads);
		case 'mpvideo':
			return await buildVideo(ctx, itemIndex, uploads);
		case 'wxcard': {
			const cardId = required(ctx, itemIndex, String(param('wxcardId')), 'Card ID');
			return {
				msgtype,
				fields: { wxcard: { card_id: cardId } },
				fingerprint: `wxcard:${cardId}`,
				uploads,
			};
		}
		default:
			throw new NodeOperationError(ctx.getNode(), `Unknown message type "${msgtype}"`, {
				itemIndex,
			});
	}
}

async function buildImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	uploads: IDataObject[],
): Promise<MassMessageContent> {
	const param = (name: string, fallback: unknown = '') =>
		ctx.getNodeParameter(name, itemIndex, fallback);
	const mediaIds: string[] = [];
	const identities: string[] = [];
	if (param('imageSource', 'mediaId') === 'binary') {
		const properties = toList(param('imageBinaryProperties', 'data'));
		if (properties.length === 0) throw missing(ctx, itemIndex, 'Binary Properties');
		for (const property of properties) {
			const file = await readMediaBinary(ctx, itemIndex, property, 'image');
			const uploaded = await uploadTemporaryMedia(
				ctx,
				itemIndex,
				file,
				'image' as TemporaryMediaType,
			);
			uploads.push({ property, type: 'image', mediaId: uploaded.mediaId });
			mediaIds.push(uploaded.mediaId);
			identities.push(`sha256:${file.sha256}`);
		}
	} else {
		mediaIds.push(...toList(param('imageMediaIds')));
		if (mediaIds.length === 0) throw missing(ctx, itemIndex, 'Image Media IDs');
		identities.push(...mediaIds.map((id) => `id:${id}`));
	}
	const openComment = param('imageOpenComment', false) ? 1 : 0;
	const onlyFans = openComment && param('imageOnlyFansComment', false) ? 1 : 0;
	const images: IDataObject = {
		media_ids: mediaIds,
		need_open_comment: openComment,
		only_fans_can_comment: onlyFans,
	};
	const recommend = String(param('imageRecommend'));
	if (recommend.trim()) images.recommend = recommend;
	return {
		msgtype: 'image',
		fields: { images },
		fingerprint: `image:${identities.join(',')}:${recommend}:${openComment}:${onlyFans}`,
		uploads,
	};
}

async function buildVideo(
	ctx: IExecuteFunctions,
	itemIndex: number,
	uploads: IDataObject[],
): Promise<MassMessageContent> {
	const param = (name: string, fallback: unknown = '') =>
		ctx.getNodeParameter(name, itemIndex, fallback);
	const source = String(param('mpvideoSource', 'videoMediaId'));
	const title = String(param('mpvideoTitle'));
	const description = String(param('mpvideoDescription'));
	if (source === 'massVideoId') {
		const mediaId = required(ctx, itemIndex, String(param('mpvideoMediaId')), 'Video Media ID');
		return {
			msgtype: 'mpvideo',
			fields: { mpvideo: { media_id: mediaId } },
			fingerprint: `mpvideo:id:${mediaId}`,
			uploads,
		};
	}

	let videoMediaId: string;
	let identity: string;
	if (source === 'binary') {
		const property = String(param('mpvideoBinaryProperty', 'data'));
		const file = await readMediaBinary(ctx, itemIndex, property, 'video');
		videoMediaId = (await uploadTemporaryMedia(ctx, itemIndex, file, 'video')).mediaId;
		uploads.push({ property, type: 'video', mediaId: videoMediaId });
		identity = `sha256:${file.sha256}`;
	} else {
		videoMediaId = required(ctx, itemIndex, String(param('mpvideoMediaId')), 'Video Media ID');
		identity = `id:${videoMediaId}`;
	}
	const massVideoId = await convertVideoForMass(ctx, itemIndex, videoMediaId, title, description);
	uploads.push({ type: 'mpvideo', mediaId: massVideoId, convertedFrom: videoMediaId });
	return {
		msgtype: 'mpvideo',
		fields: { mpvideo: { media_id: massVideoId } },
		fingerprint: `mpvideo:${identity}:${title}:${description}`,
		uploads,
	};
}

function required(ctx: IExecuteFunctions, itemIndex: number, value: string, label: string): string {
	const trimmed = value.trim();
	if (!trimmed) throw missing(ctx, itemIndex, label);
	return trimmed;
}

function missing(ctx: IExecuteFunctions, itemIndex: number, label: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `"${label}" is empty`, {
		itemIndex,
		description: `Fill in "${label}" for this message type, or check that the expression returns a value for this item.`,
	});
}
