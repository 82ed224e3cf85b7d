import { createHash, randomBytes } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import type { Bench } from './support';
import { bodyOf, CONTINUE_ON_FAIL, expectNoSecrets, startBench } from './support';

const UPLOAD = '/cgi-bin/media/upload';
const UPLOAD_VIDEO = '/cgi-bin/media/uploadvideo';
const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;

function fileItem(
	bytes: Buffer,
	fileName: string,
	mimeType: string,
	property = 'data',
): INodeExecutionData {
	return {
		json: { fileName },
		binary: { [property]: { data: bytes.toString('base64'), fileName, mimeType } },
	};
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let bench: Bench;

beforeEach(async () => (bench = await startBench()));
afterEach(async () => await bench.close());

describe('Media → Upload', () => {
	test('uploads the binary file as multipart part "media" with its name, type and exact bytes', async () => {
		const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(4000)]);

		const run = await bench.run({ resource: 'media', operation: 'upload', mediaType: 'image' }, [
			fileItem(png, 'spring-poster.png', 'image/png'),
		]);

		const [request] = bench.fake.requestsTo(UPLOAD);
		expect(request.query.type).toBe('image');
		expect(request.multipart?.files).toEqual([
			{
				name: 'media',
				filename: 'spring-poster.png',
				contentType: 'image/png',
				size: png.length,
				sha256: sha256(png),
			},
		]);
		const json = run.output[0].json;
		const stored = bench.account.media.get(json.media_id as string);
		expect(stored).toMatchObject({ kind: 'image', permanent: false, sha256: sha256(png) });
		expect(json).toEqual({
			media_id: stored?.mediaId,
			type: 'image',
			created_at: Math.floor(stored!.createdAt / 1000),
			expiresAt: new Date(
				Math.floor(stored!.createdAt / 1000) * 1000 + THREE_DAYS_MS,
			).toISOString(),
		});
		expect(run.output[0].pairedItem).toEqual({ item: 0 });
		expectNoSecrets(bench, run);
	});

	test('reads the file from the named binary field and uploads one file per item', async () => {
		const thumbs = [randomBytes(1200), randomBytes(2400)];

		const run = await bench.run(
			{ resource: 'media', operation: 'upload', mediaType: 'thumb', binaryPropertyName: 'cover' },
			thumbs.map((bytes, i) => fileItem(bytes, `cover-${i}.jpg`, 'image/jpeg', 'cover')),
		);

		const requests = bench.fake.requestsTo(UPLOAD);
		expect(requests.map((r) => [r.query.type, r.multipart?.files[0].sha256])).toEqual(
			thumbs.map((bytes) => ['thumb', sha256(bytes)]),
		);
		expect(run.output.map((item) => item.json.type)).toEqual(['thumb', 'thumb']);
		expect(new Set(run.output.map((item) => item.json.media_id)).size).toBe(2);
	});

	test('explains 40004 when WeChat refuses the media type', async () => {
		bench.fake.inject({
			path: UPLOAD,
			action: { type: 'errcode', errcode: 40004, errmsg: 'invalid media type' },
		});

		const run = await bench.run({ resource: 'media', operation: 'upload', mediaType: 'voice' }, [
			fileItem(randomBytes(500), 'hello.mp3', 'audio/mpeg'),
		]);

		expect(run.error?.message).toBe(
			'Uploading the voice "hello.mp3" failed: Invalid media type (WeChat error 40004)',
		);
		expect(run.error?.description).toContain('Choose one of image, voice, video or thumb.');
		expectNoSecrets(bench, run);
	});

	test('refuses a media type WeChat does not know before uploading anything', async () => {
		const run = await bench.run(
			{ resource: 'media', operation: 'upload', mediaType: '={{ "audio" }}' },
			[fileItem(randomBytes(500), 'hello.mp3', 'audio/mpeg')],
		);

		expect(run.error?.message).toBe('"audio" is not a WeChat media type');
		expect(run.error?.description).toBe('Choose one of image, voice, video or thumb.');
		expect(bench.fake.requestsTo(UPLOAD)).toHaveLength(0);
	});

	test('explains 41005 when WeChat finds no media in the upload', async () => {
		bench.fake.inject({ path: UPLOAD, action: { type: 'errcode', errcode: 41005 } });

		const run = await bench.run({ resource: 'media', operation: 'upload', mediaType: 'image' }, [
			fileItem(randomBytes(500), 'a.png', 'image/png'),
		]);

		expect(run.error?.message).toContain('The media file is missing (WeChat error 41005)');
		expect(run.error?.description).toContain('binary property holds a file');
	});

	test('names the missing binary field and calls nothing', async () => {
		const run = await bench.run(
			{ resource: 'media', operation: 'upload', mediaType: 'image', binaryPropertyName: 'photo' },
			[fileItem(randomBytes(500), 'a.png', 'image/png')],
		);

		expect(run.error?.message).toContain('photo');
		expect(bench.fake.requestsTo(UPLOAD)).toHaveLength(0);
	});

	test('with Continue On Fail, a file of the wrong format becomes an error item', async () => {
		const run = await bench.run(
			{ resource: 'media', operation: 'upload', mediaType: 'image' },
			[
				fileItem(Buffer.from('not an image'), 'notes.txt', 'text/plain'),
				fileItem(randomBytes(800), 'ok.jpg', 'image/jpeg'),
			],
			CONTINUE_ON_FAIL,
		);

		expect(run.output[0]).toEqual({
			json: {
				error: 'The file in binary property "data" cannot be sent as image',
				description: expect.stringContaining('notes.txt'),
			},
			pairedItem: { item: 0 },
		});
		expect(run.output[1].json.type).toBe('image');
		expect(run.output[1].pairedItem).toEqual({ item: 1 });
		expect(bench.fake.requestsTo(UPLOAD)).toHaveLength(1);
	});

	test('resends the same multipart bytes after WeChat rejects the token (42001)', async () => {
		const png = randomBytes(3000);
		bench.fake.inject({ path: UPLOAD, action: { type: 'errcode', errcode: 42001 } });

		const run = await bench.run({ resource: 'media', operation: 'upload', mediaType: 'image' }, [
			fileItem(png, 'retry.png', 'image/png'),
		]);

		expect(run.error).toBeUndefined();
		const requests = bench.fake.requestsTo(UPLOAD);
		expect(requests).toHaveLength(2);
		expect(requests[1].multipart?.files[0]).toMatchObject({ name: 'media', sha256: sha256(png) });
		expectNoSecrets(bench, run);
	});
});

describe('Media → Convert Video for Mass Message', () => {
	test('converts a video media_id with title and description into a mass-video media_id', async () => {
		const video = bench.account.seedMedia({ kind: 'video' });

		const run = await bench.run({
			resource: 'media',
			operation: 'convertVideo',
			videoSource: 'mediaId',
			videoMediaId: video.mediaId,
			title: 'Spring Launch',
			videoDescription: '三分钟看完发布会',
		});

		expect(bodyOf(bench, UPLOAD_VIDEO)).toEqual({
			media_id: video.mediaId,
			title: 'Spring Launch',
			description: '三分钟看完发布会',
		});
		const json = run.output[0].json;
		expect(bench.account.media.get(json.media_id as string)).toMatchObject({
			kind: 'mpvideo',
			sourceMediaId: video.mediaId,
			title: 'Spring Launch',
		});
		expect(json).toEqual({
			media_id: json.media_id,
			videoMediaId: video.mediaId,
			title: 'Spring Launch',
			description: '三分钟看完发布会',
		});
		expectNoSecrets(bench, run);
	});

	test('from a binary file, uploads it as temporary video first and converts that', async () => {
		const mp4 = randomBytes(5000);

		const run = await bench.run(
			{
				resource: 'media',
				operation: 'convertVideo',
				videoSource: 'binary',
				title: 'Clip',
				videoDescription: 'Short clip.',
			},
			[fileItem(mp4, 'clip.mp4', 'video/mp4')],
		);

		const [upload] = bench.fake.requestsTo(UPLOAD);
		expect(upload.query.type).toBe('video');
		expect(upload.multipart?.files[0]).toMatchObject({
			name: 'media',
			filename: 'clip.mp4',
			sha256: sha256(mp4),
		});
		const videoMediaId = run.output[0].json.videoMediaId as string;
		expect(bench.account.media.get(videoMediaId)?.kind).toBe('video');
		expect(bodyOf(bench, UPLOAD_VIDEO).media_id).toBe(videoMediaId);
		expect(bench.account.media.get(run.output[0].json.media_id as string)?.kind).toBe('mpvideo');
	});

	test('explains 40007 when the video media_id is unknown or expired', async () => {
		const run = await bench.run({
			resource: 'media',
			operation: 'convertVideo',
			videoSource: 'mediaId',
			videoMediaId: 'expired-or-unknown-id',
		});

		expect(run.error?.message).toBe(
			'Converting the video for a mass message failed: The media_id is invalid, expired or of the wrong kind (WeChat error 40007)',
		);
		expectNoSecrets(bench, run);
	});

	test('refuses an empty Video Media ID before calling WeChat', async () => {
		const run = await bench.run({
			resource: 'media',
			operation: 'convertVideo',
			videoSource: 'mediaId',
			videoMediaId: '  ',
		});

		expect(run.error?.message).toBe('The Video Media ID is empty');
		expect(bench.fake.requestsTo(UPLOAD_VIDEO)).toHaveLength(0);
	});
});
