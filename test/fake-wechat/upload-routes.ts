import type { FakeAccount } from './account';
import type { UploadedFile } from './multipart';
import {
	isRecord,
	nonEmptyString,
	overDailyQuota,
	QUOTA_COUNTERS,
	type RouteContext,
	type RouteTable,
} from './route';
import type { MediaKind, Quirks } from './types';
import { fail, ok, type Reply } from './wire';

interface FileRule {
	maxBytes: number;
	extensions: string[];
	sizeErrcode: number;
	sizeErrmsg: string;
}

const MB = 1024 * 1024;

const SIZE_ERRORS: Record<string, [number, string]> = {
	image: [40009, 'invalid image size'],
	voice: [40010, 'invalid voice size'],
	video: [40011, 'invalid video size'],
	thumb: [40012, 'invalid thumb size'],
};

function rule(kind: string, maxBytes: number, extensions: string[]): FileRule {
	const [sizeErrcode, sizeErrmsg] = SIZE_ERRORS[kind];
	return { maxBytes, extensions, sizeErrcode, sizeErrmsg };
}

/** Temporary media limits (wechat-api.md §C.1); the image limit is a §G.9 quirk. */
function temporaryRules(quirks: Quirks): Record<string, FileRule> {
	return {
		image: rule('image', quirks.tempImageLimitMb * MB, ['png', 'jpeg', 'jpg', 'gif']),
		voice: rule('voice', 2 * MB, ['amr', 'mp3']),
		video: rule('video', 10 * MB, ['mp4']),
		thumb: rule('thumb', 64 * 1024, ['jpg', 'jpeg']),
	};
}

/** Permanent material limits (§C.6). */
const PERMANENT_RULES: Record<string, FileRule> = {
	image: rule('image', 10 * MB, ['bmp', 'png', 'jpeg', 'jpg', 'gif']),
	voice: rule('voice', 2 * MB, ['mp3', 'wma', 'wav', 'amr']),
	video: rule('video', 10 * MB, ['mp4']),
	thumb: rule('thumb', 64 * 1024, ['jpg', 'jpeg']),
};

const MIME_EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/gif': 'gif',
	'image/bmp': 'bmp',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/x-ms-wma': 'wma',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'video/mp4': 'mp4',
};

/** The file's format: its filename extension, else its part Content-Type. */
export function extensionOf(file: UploadedFile): string | undefined {
	const fromName = /\.([A-Za-z0-9]+)$/.exec(file.filename)?.[1];
	if (fromName) return fromName.toLowerCase();
	return MIME_EXTENSIONS[file.contentType.split(';')[0].trim().toLowerCase()];
}

function mediaPart(ctx: RouteContext): UploadedFile | Reply {
	const file = ctx.multipart?.files.find((f) => f.name === 'media');
	return file ?? fail(41005, 'media data missing');
}

function fileProblem(file: UploadedFile, fileRule: FileRule): Reply | undefined {
	if (file.size === 0) return fail(40006, 'invalid meida size');
	if (!fileRule.extensions.includes(extensionOf(file) ?? ''))
		return fail(40005, 'invalid file type');
	if (file.size > fileRule.maxBytes) return fail(fileRule.sizeErrcode, fileRule.sizeErrmsg);
	return undefined;
}

function storeUpload(
	account: FakeAccount,
	file: UploadedFile,
	kind: MediaKind,
	permanent: boolean,
) {
	return account.storeMedia({
		kind,
		permanent,
		size: file.size,
		sha256: file.sha256,
		filename: file.filename,
		contentType: file.contentType,
	});
}

function uploadTemporary(ctx: RouteContext): Reply {
	const { account } = ctx;
	const overQuota = overDailyQuota(
		account,
		QUOTA_COUNTERS.mediaUpload,
		account.limits.mediaUploadPerDay,
	);
	if (overQuota) return overQuota;
	const type = ctx.query.type;
	const fileRule = temporaryRules(ctx.state.quirks)[type];
	if (!fileRule) return fail(40004, 'invalid media type');
	const file = mediaPart(ctx);
	if ('status' in file) return file;
	const problem = fileProblem(file, fileRule);
	if (problem) return problem;

	const media = storeUpload(account, file, type as MediaKind, false);
	return ok({ type, media_id: media.mediaId, created_at: Math.floor(media.createdAt / 1000) });
}

/** Article images: jpg/png under 1 MB; answers a mmbiz.qpic.cn URL, not a media_id. */
function uploadArticleImage(ctx: RouteContext): Reply {
	const file = mediaPart(ctx);
	if ('status' in file) return file;
	const extension = extensionOf(file) ?? '';
	if (file.size === 0) return fail(40006, 'invalid meida size');
	if (!['jpg', 'jpeg', 'png'].includes(extension)) return fail(40005, 'invalid file type');
	if (file.size >= MB) return fail(40009, 'invalid image size');

	const format = extension === 'png' ? 'png' : 'jpg';
	const url = `http://mmbiz.qpic.cn/mmbiz_${format}/${ctx.state.ids.chars('img', 54)}/0`;
	ctx.account.uploadedImageUrls.add(url);
	return ok({ url, errcode: 0, errmsg: 'ok' });
}

function addMaterial(ctx: RouteContext): Reply {
	const { account } = ctx;
	const type = ctx.query.type;
	const fileRule = PERMANENT_RULES[type];
	if (!fileRule) return fail(40004, 'invalid media type');
	const file = mediaPart(ctx);
	if ('status' in file) return file;
	const problem = fileProblem(file, fileRule);
	if (problem) return problem;

	let description: Record<string, unknown> | undefined;
	if (type === 'video') {
		try {
			const parsed: unknown = JSON.parse(ctx.multipart?.fields.description ?? '');
			description = isRecord(parsed) ? parsed : undefined;
		} catch {
			description = undefined;
		}
		if (!description || !nonEmptyString(description.title)) {
			return fail(40097, 'invalid args hint: [description]');
		}
	}
	const cap =
		type === 'image' ? account.limits.permanentImageCap : account.limits.permanentOtherCap;
	const stored = [...account.media.values()].filter((m) => m.permanent && m.kind === type).length;
	if (stored >= cap) return fail(45009, 'material count out of limit');

	const media = storeUpload(account, file, type as MediaKind, true);
	if (description) {
		media.title = String(description.title);
		media.description = String(description.introduction ?? '');
	}
	if (type !== 'image') return ok({ media_id: media.mediaId });
	media.url = `http://mmbiz.qpic.cn/mmbiz_png/${media.mediaId}/0?wx_fmt=png`;
	return ok({ media_id: media.mediaId, url: media.url });
}

export const uploadRoutes: RouteTable = {
	'/cgi-bin/media/upload': {
		method: 'POST',
		auth: true,
		body: 'multipart',
		handle: uploadTemporary,
	},
	'/cgi-bin/media/uploadimg': {
		method: 'POST',
		auth: true,
		body: 'multipart',
		handle: uploadArticleImage,
	},
	'/cgi-bin/material/add_material': {
		method: 'POST',
		auth: true,
		body: 'multipart',
		handle: addMaterial,
	},
};
