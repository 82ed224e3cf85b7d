import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildMultipart } from './multipart';
import { wechatApiRequest } from './wechatApi';

export type TemporaryMediaType = 'image' | 'voice' | 'video' | 'thumb';

interface MediaRule {
	maxBytes: number;
	extensions: string[];
	label: string;
}

/** WeChat's limits for temporary media (wechat-api.md §C.1); checked here to fail before upload. */
const RULES: Record<TemporaryMediaType, MediaRule> = {
	image: {
		maxBytes: 10 * 1024 * 1024,
		extensions: ['jpg', 'jpeg', 'png', 'gif'],
		label: 'JPG, PNG or GIF up to 10 MB',
	},
	voice: {
		maxBytes: 2 * 1024 * 1024,
		extensions: ['amr', 'mp3'],
		label: 'AMR or MP3 up to 2 MB and 60 s',
	},
	video: { maxBytes: 10 * 1024 * 1024, extensions: ['mp4'], label: 'MP4 up to 10 MB' },
	thumb: { maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'], label: 'JPG up to 64 KB' },
};

const MIME_EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'video/mp4': 'mp4',
};

export interface BinaryFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
	/** sha256 of the bytes: identifies the content whatever media_id WeChat hands out for it. */
	sha256: string;
}

/** Reads and checks one binary property of an input item against WeChat's media rules. */
export async function readMediaBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	type: TemporaryMediaType,
): Promise<BinaryFile> {
	const name = propertyName.trim();
	const binary = ctx.helpers.assertBinaryData(itemIndex, name);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	const rule = RULES[type];
	const extension = extensionOf(binary.fileName, binary.mimeType);
	if (!extension || !rule.extensions.includes(extension)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file in binary property "${name}" cannot be sent as ${type}`,
			{
				itemIndex,
				description: `WeChat accepts ${rule.label} for ${type}; this file is "${binary.fileName ?? 'unnamed'}" (${binary.mimeType}).`,
			},
		);
	}
	if (data.length === 0 || data.length > rule.maxBytes) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file in binary property "${name}" is ${data.length === 0 ? 'empty' : 'too large'} for ${type}`,
			{
				itemIndex,
				description: `WeChat accepts ${rule.label}; this file has ${data.length} bytes.`,
			},
		);
	}
	const fileName =
		binary.fileName && /\.[a-z0-9]+$/i.test(binary.fileName)
			? binary.fileName
			: `${type}.${extension}`;
	return {
		data,
		fileName,
		mimeType: binary.mimeType,
		sha256: createHash('sha256').update(data).digest('hex'),
	};
}

export interface UploadedMedia {
	mediaId: string;
	type: string;
	createdAt: number | null;
}

/** `POST /cgi-bin/media/upload`: temporary media, usable for 3 days. */
export async function uploadTemporaryMedia(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: BinaryFile,
	type: TemporaryMediaType,
): Promise<UploadedMedia> {
	const answer = await wechatApiRequest(
		ctx,
		{
			action: `Uploading the ${type} "${file.fileName}"`,
			method: 'POST',
			path: '/cgi-bin/media/upload',
			qs: { type },
			multipart: () =>
				buildMultipart([
					{ field: 'media', fileName: file.fileName, contentType: file.mimeType, data: file.data },
				]),
			timeoutMs: 120000,
		},
		itemIndex,
	);
	return {
		mediaId: String(answer.media_id),
		type: String(answer.type ?? type),
		createdAt: typeof answer.created_at === 'number' ? answer.created_at : null,
	};
}

/**
 * `POST /cgi-bin/media/uploadvideo`: a mass video (mpvideo) cannot use a video media_id
 * directly; WeChat converts it, with title and description, into a mass-video media_id.
 */
export async function convertVideoForMass(
	ctx: IExecuteFunctions,
	itemIndex: number,
	videoMediaId: string,
	title: string,
	description: string,
): Promise<string> {
	const answer = await wechatApiRequest(
		ctx,
		{
			action: 'Converting the video for a mass message',
			method: 'POST',
			path: '/cgi-bin/media/uploadvideo',
			json: { media_id: videoMediaId, title, description },
		},
		itemIndex,
	);
	return String(answer.media_id);
}

function extensionOf(fileName: string | undefined, mimeType: string): string | undefined {
	const fromName = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	return fromName ?? MIME_EXTENSIONS[(mimeType ?? '').toLowerCase()];
}
