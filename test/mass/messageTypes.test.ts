/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';
const UPLOAD = '/cgi-bin/media/upload';

function fileItem(files: Record<string, { bytes: Buffer; mimeType: string; fileName: string }>): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [name, file] of Object.entries(files)) {
		binary[name] = { data: file.bytes.toString('base64'), mimeType: file.mimeType, fileName: file.fileName };
	}
	return { json: {}, binary };
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(3000, 9)]);
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(4000, 3)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(5000, 1)]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('message types', () => {
	let wechat: WeChatFixture;
	let tagId: number;
	beforeEach(async () => {
		wechat = await startWeChatFixture({ followers: 20 });
		tagId = wechat.account.addTag({ id: 134, name: 'VIP', members: 8 }).id;
	});
	afterEach(async () => await wechat.close());

	const toTag = (message: Record<string, unknown>) => ({
		resource: 'massMessage',
		operation: 'sendToTag',
		tagId,
		...message,
	});
	const lastBody = (path = SENDALL) => wechat.fake.requestsTo(path).slice(-1)[0].json as Record<string, any>;

	test('text to a tag sends a JSON boolean and integer filter and raw UTF-8', async () => {
		const { output, error } = await wechat.run(toTag({ messageType: 'text', text: '会员日 🎉' }));

		expect(error).toBeUndefined();
		expect(lastBody()).toMatchObject({ filter: { is_to_all: false, tag_id: 134 }, msgtype: 'text', text: { content: '会员日 🎉' } });
		expect(wechat.fake.requestsTo(SENDALL)[0].rawBody.toString()).not.toContain('\\u');
		expect(output[0].json).toMatchObject({ status: 'sent', audience: 'tag', tagId: 134, msgType: 'text' });
		expect(output[0].json.msgId).toMatch(/^\d{10,}$/);
	});

	test('a tag ID given as text by an expression is sent as an integer', async () => {
		await wechat.run(toTag({ tagId: '={{ "134" }}', messageType: 'text', text: 'hi' }));
		expect(lastBody().filter.tag_id).toBe(134);
	});

	test('a tag ID that is not a number is refused before anything is sent', async () => {
		const { error } = await wechat.run(toTag({ tagId: 'VIP', messageType: 'text', text: 'hi' }));
		expect(error?.message).toBe('"VIP" is not a tag ID');
		expect(wechat.fake.requestsTo(SENDALL)).toHaveLength(0);
	});

	test('mpnews sends the draft media_id, send_ignore_reprint and returns msg_data_id as a string', async () => {
		const draft = wechat.account.seedDraft();

		const { output } = await wechat.run(
			toTag({ messageType: 'mpnews', mpnewsMediaId: draft.mediaId, sendIgnoreReprint: true }),
		);

		expect(lastBody()).toMatchObject({ msgtype: 'mpnews', mpnews: { media_id: draft.mediaId }, send_ignore_reprint: 1 });
		expect(output[0].json.msgDataId).toEqual(expect.any(String));
	});

	test('an mpnews draft that already left the draft box gives 40007 with advice', async () => {
		const draft = wechat.account.seedDraft();
		await wechat.run(toTag({ messageType: 'mpnews', mpnewsMediaId: draft.mediaId }));

		const { error } = await wechat.run(toTag({ messageType: 'mpnews', mpnewsMediaId: draft.mediaId, idempotencyKey: 'second' }));

		expect(error?.message).toContain('media_id is invalid, expired or of the wrong kind');
		expect(error?.description).toContain('leaves the draft box');
	});

	test('images from binary properties are uploaded as multipart "media" parts, then sent with recommend and comment options', async () => {
		const item = fileItem({
			data: { bytes: JPEG, mimeType: 'image/jpeg', fileName: 'cover.jpg' },
			second: { bytes: PNG, mimeType: 'image/png', fileName: 'detail.png' },
		});

		const { output, error } = await wechat.run(
			toTag({
				messageType: 'image',
				imageSource: 'binary',
				imageBinaryProperties: 'data, second',
				imageRecommend: '本周精选',
				imageOpenComment: true,
				imageOnlyFansComment: true,
			}),
			[item],
		);

		expect(error).toBeUndefined();
		const uploads = wechat.fake.requestsTo(UPLOAD);
		expect(uploads.map((u) => u.query.type)).toEqual(['image', 'image']);
		expect(uploads.map((u) => u.multipart?.files[0])).toEqual([
			expect.objectContaining({ name: 'media', filename: 'cover.jpg', contentType: 'image/jpeg', size: JPEG.length, sha256: sha(JPEG) }),
			expect.objectContaining({ name: 'media', filename: 'detail.png', contentType: 'image/png', size: PNG.length, sha256: sha(PNG) }),
		]);
		const ids = uploads.map((u) => (u.response as any).media_id);
		expect(lastBody()).toMatchObject({
			msgtype: 'image',
			images: { media_ids: ids, recommend: '本周精选', need_open_comment: 1, only_fans_can_comment: 1 },
		});
		expect((output[0].json.uploads as any[]).map((u) => u.mediaId)).toEqual(ids);
	});

	test('images by media_id accept a comma list', async () => {
		const a = wechat.account.seedMedia({ kind: 'image' }).mediaId;
		const b = wechat.account.seedMedia({ kind: 'image' }).mediaId;

		await wechat.run(toTag({ messageType: 'image', imageMediaIds: `${a}, ${b}` }));

		expect(lastBody().images.media_ids).toEqual([a, b]);
		expect(wechat.fake.requestsTo(UPLOAD)).toHaveLength(0);
	});

	test('voice from a binary property is uploaded first', async () => {
		const { error } = await wechat.run(
			toTag({ messageType: 'voice', voiceSource: 'binary', voiceBinaryProperty: 'data' }),
			[fileItem({ data: { bytes: MP3, mimeType: 'audio/mpeg', fileName: 'hello.mp3' } })],
		);

		expect(error).toBeUndefined();
		const upload = wechat.fake.requestsTo(UPLOAD)[0];
		expect(upload.query.type).toBe('voice');
		expect(lastBody()).toMatchObject({ msgtype: 'voice', voice: { media_id: (upload.response as any).media_id } });
	});

	test('a file WeChat would refuse is refused before upload with the accepted formats', async () => {
		const { error } = await wechat.run(
			toTag({ messageType: 'voice', voiceSource: 'binary', voiceBinaryProperty: 'data' }),
			[fileItem({ data: { bytes: MP4, mimeType: 'video/mp4', fileName: 'clip.mp4' } })],
		);

		expect(error?.message).toBe('The file in binary property "data" cannot be sent as voice');
		expect(error?.description).toContain('AMR or MP3');
		expect(wechat.fake.requestsTo(UPLOAD)).toHaveLength(0);
	});

	test('a missing binary property names the property', async () => {
		const { error } = await wechat.run(toTag({ messageType: 'voice', voiceSource: 'binary', voiceBinaryProperty: 'audio' }), [
			{ json: {} },
		]);
		expect(error?.message).toMatch(/audio/);
	});

	test('mpvideo from a video media_id is converted with title and description, then sent', async () => {
		const video = wechat.account.seedMedia({ kind: 'video' }).mediaId;

		const { error } = await wechat.run(
			toTag({ messageType: 'mpvideo', mpvideoSource: 'videoMediaId', mpvideoMediaId: video, mpvideoTitle: '发布会', mpvideoDescription: '回顾' }),
		);

		expect(error).toBeUndefined();
		const conversion = wechat.fake.requestsTo('/cgi-bin/media/uploadvideo')[0];
		expect(conversion.json).toEqual({ media_id: video, title: '发布会', description: '回顾' });
		expect(lastBody()).toMatchObject({ msgtype: 'mpvideo', mpvideo: { media_id: (conversion.response as any).media_id } });
	});

	test('mpvideo from a binary MP4: upload, convert, send', async () => {
		const { error } = await wechat.run(
			toTag({ messageType: 'mpvideo', mpvideoSource: 'binary', mpvideoBinaryProperty: 'data', mpvideoTitle: 'Launch' }),
			[fileItem({ data: { bytes: MP4, mimeType: 'video/mp4', fileName: 'launch.mp4' } })],
		);

		expect(error).toBeUndefined();
		expect(wechat.fake.requestsTo(UPLOAD)[0].query.type).toBe('video');
		expect(wechat.fake.requestsTo('/cgi-bin/media/uploadvideo')).toHaveLength(1);
		expect(lastBody().msgtype).toBe('mpvideo');
	});

	test('wxcard sends the card_id', async () => {
		await wechat.run(toTag({ messageType: 'wxcard', wxcardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }));
		expect(lastBody()).toMatchObject({ msgtype: 'wxcard', wxcard: { card_id: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' } });
	});

	test('the same binary re-uploaded on a retry keeps the same clientmsgid, so WeChat refuses the repeat', async () => {
		const item = fileItem({ data: { bytes: JPEG, mimeType: 'image/jpeg', fileName: 'a.jpg' } });
		const params = toTag({ messageType: 'image', imageSource: 'binary', imageBinaryProperties: 'data' });
		wechat.fake.quirks.clientMsgIdRetryTooFastMs = 0;

		await wechat.run(params, [item]);
		await wechat.run(params, [item]);

		const ids = wechat.fake.requestsTo(SENDALL).map((call) => (call.json as any).clientmsgid);
		expect(ids[0]).toBe(ids[1]);
		expect(wechat.fake.requestsTo(UPLOAD)).toHaveLength(2);
		const members = [...(wechat.account.tags.get(134)?.members ?? [])];
		expect(members.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test('Send to OpenID List carries every message type too (mpnews across batches)', async () => {
		wechat.account.addFollowers(15_000);
		const draft = wechat.account.seedDraft();
		const items = wechat.account.followers.map((openid) => ({ json: { openid } }));

		const { output, error } = await wechat.run(
			{ resource: 'massMessage', operation: 'sendToOpenIds', recipientsFrom: 'field', openIdField: 'openid', messageType: 'mpnews', mpnewsMediaId: draft.mediaId },
			items,
		);

		expect(error).toBeUndefined();
		expect(wechat.fake.requestsTo(SEND).map((c) => (c.json as any).mpnews.media_id)).toEqual([draft.mediaId, draft.mediaId]);
		expect(output[0].json.status).toBe('sent');
	});
});
