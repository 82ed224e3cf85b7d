import { createHash } from 'node:crypto';
import { FormData, request } from 'undici';

import type { FakeAccount, FakeWeChat } from './index';
import { APP_ID, APP_SECRET, api, startFake, type WireBody } from './__tests__/harness';

const PNG_BYTES = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2048, 7)]);

describe('fake WeChat media, drafts and publishing', () => {
	let fake: FakeWeChat;
	let account: FakeAccount;
	let token: string;

	async function upload(
		path: string,
		query: Record<string, string>,
		parts: { name: string; data: Buffer | string; filename?: string; type?: string }[],
	) {
		const form = new FormData();
		for (const part of parts) {
			if (part.filename === undefined) form.append(part.name, String(part.data));
			else
				form.append(
					part.name,
					new Blob([new Uint8Array(Buffer.from(part.data))], { type: part.type }),
					part.filename,
				);
		}
		const url = new URL(path, fake.url);
		for (const [k, v] of Object.entries({ access_token: token, ...query }))
			url.searchParams.set(k, v);
		const res = await request(url, { method: 'POST', body: form });
		return (await res.body.json()) as WireBody;
	}

	beforeEach(async () => {
		fake = await startFake();
		account = fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 4 });
		token = account.currentStableToken();
	});

	afterEach(() => fake.close());

	describe('media/upload', () => {
		it('stores a temporary image for 3 days and records the file part with its sha256', async () => {
			const res = await upload('/cgi-bin/media/upload', { type: 'image' }, [
				{ name: 'media', data: PNG_BYTES, filename: 'cover.png', type: 'image/png' },
			]);

			expect(res).toEqual({
				type: 'image',
				media_id: expect.any(String),
				created_at: expect.any(Number),
			});
			const media = account.media.get(res.media_id);
			expect(media).toMatchObject({ kind: 'image', permanent: false, size: PNG_BYTES.length });
			expect((media?.expiresAt ?? 0) - (media?.createdAt ?? 0)).toBe(3 * 86_400_000);
			const [entry] = fake.requestsTo('/cgi-bin/media/upload', APP_ID);
			expect(entry.multipart?.files).toEqual([
				{
					name: 'media',
					filename: 'cover.png',
					contentType: 'image/png',
					size: PNG_BYTES.length,
					sha256: createHash('sha256').update(PNG_BYTES).digest('hex'),
				},
			]);
		});

		it('answers 41005 without a media part and 40004 for an unknown type', async () => {
			const other = [{ name: 'file', data: PNG_BYTES, filename: 'a.png', type: 'image/png' }];
			expect((await upload('/cgi-bin/media/upload', { type: 'image' }, other)).errcode).toBe(41005);
			const media = [{ name: 'media', data: PNG_BYTES, filename: 'a.png', type: 'image/png' }];
			expect((await upload('/cgi-bin/media/upload', { type: 'news' }, media)).errcode).toBe(40004);
		});

		it('checks format and size per type, with the 2 MB image quirk', async () => {
			const file = (data: Buffer, filename: string, type = 'application/octet-stream') => [
				{ name: 'media', data, filename, type },
			];
			const threeMb = Buffer.alloc(3 * 1024 * 1024, 1);
			expect(
				(await upload('/cgi-bin/media/upload', { type: 'image' }, file(threeMb, 'big.jpg'))).type,
			).toBe('image');
			fake.quirks.tempImageLimitMb = 2;
			expect(
				(await upload('/cgi-bin/media/upload', { type: 'image' }, file(threeMb, 'big.jpg')))
					.errcode,
			).toBe(40009);
			expect(
				(await upload('/cgi-bin/media/upload', { type: 'image' }, file(PNG_BYTES, 'a.bmp')))
					.errcode,
			).toBe(40005);
			expect(
				(
					await upload(
						'/cgi-bin/media/upload',
						{ type: 'thumb' },
						file(Buffer.alloc(70_000), 't.jpg'),
					)
				).errcode,
			).toBe(40012);
			expect(
				(await upload('/cgi-bin/media/upload', { type: 'voice' }, file(PNG_BYTES, 'v.mp3'))).type,
			).toBe('voice');
			expect(
				(await upload('/cgi-bin/media/upload', { type: 'voice' }, file(Buffer.alloc(0), 'v.mp3')))
					.errcode,
			).toBe(40006);
		});

		it('uses the part Content-Type when the filename has no extension', async () => {
			const res = await upload('/cgi-bin/media/upload', { type: 'image' }, [
				{ name: 'media', data: PNG_BYTES, filename: 'blob', type: 'image/png' },
			]);
			expect(res.type).toBe('image');
		});
	});

	it('answers a mmbiz.qpic.cn URL from uploadimg and refuses gif or 1 MB images', async () => {
		const ok = await upload('/cgi-bin/media/uploadimg', {}, [
			{ name: 'media', data: PNG_BYTES, filename: 'body.png', type: 'image/png' },
		]);
		expect(ok.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\//);
		expect(account.uploadedImageUrls.has(ok.url)).toBe(true);
		const gif = [{ name: 'media', data: PNG_BYTES, filename: 'a.gif', type: 'image/gif' }];
		expect((await upload('/cgi-bin/media/uploadimg', {}, gif)).errcode).toBe(40005);
		const big = [
			{ name: 'media', data: Buffer.alloc(1024 * 1024), filename: 'a.jpg', type: 'image/jpeg' },
		];
		expect((await upload('/cgi-bin/media/uploadimg', {}, big)).errcode).toBe(40009);
	});

	it('stores permanent material and needs a description for videos', async () => {
		const image = await upload('/cgi-bin/material/add_material', { type: 'image' }, [
			{ name: 'media', data: PNG_BYTES, filename: 'p.png', type: 'image/png' },
		]);
		expect(image).toEqual({
			media_id: expect.any(String),
			url: expect.stringContaining('mmbiz.qpic.cn'),
		});
		expect(account.media.get(image.media_id)?.expiresAt).toBeNull();

		const video = [
			{ name: 'media', data: Buffer.alloc(4096, 2), filename: 'v.mp4', type: 'video/mp4' },
		];
		expect((await upload('/cgi-bin/material/add_material', { type: 'video' }, video)).errcode).toBe(
			40097,
		);
		const described = await upload('/cgi-bin/material/add_material', { type: 'video' }, [
			...video,
			{ name: 'description', data: JSON.stringify({ title: 'Clip', introduction: 'Intro' }) },
		]);
		expect(described).toEqual({ media_id: expect.any(String) });
		expect(account.media.get(described.media_id)).toMatchObject({ kind: 'video', title: 'Clip' });
	});

	it('turns a video into an mpvideo id that mass messages accept', async () => {
		const video = account.seedMedia({ kind: 'video' }).mediaId;
		const image = account.seedMedia({ kind: 'image' }).mediaId;
		expect(
			(await api(fake, '/cgi-bin/media/uploadvideo', token, { media_id: image })).body.errcode,
		).toBe(40007);

		const res = await api(fake, '/cgi-bin/media/uploadvideo', token, {
			media_id: video,
			title: 'T',
			description: 'D',
		});
		expect(res.body).toEqual({
			type: 'video',
			media_id: expect.any(String),
			created_at: expect.any(Number),
		});
		const send = (mediaId: string) =>
			api(fake, '/cgi-bin/message/mass/sendall', token, {
				filter: { is_to_all: true },
				msgtype: 'mpvideo',
				mpvideo: { media_id: mediaId },
			});
		expect((await send(video)).body.errcode).toBe(40007);
		expect((await send(res.body.media_id)).body.errcode).toBe(0);
	});

	describe('uploadnews', () => {
		const article = (thumb: string) => ({ title: 'T', content: '<p>c</p>', thumb_media_id: thumb });

		it('makes a bundle usable by mpnews and checks article count and cover', async () => {
			const thumb = account.seedMedia({ kind: 'thumb' }).mediaId;
			const bundle = await api(fake, '/cgi-bin/media/uploadnews', token, {
				articles: [article(thumb)],
			});
			expect(bundle.body).toEqual({
				type: 'news',
				media_id: expect.any(String),
				created_at: expect.any(Number),
			});
			const nine = Array.from({ length: 9 }, () => article(thumb));
			expect(
				(await api(fake, '/cgi-bin/media/uploadnews', token, { articles: nine })).body.errcode,
			).toBe(45008);
			expect(
				(await api(fake, '/cgi-bin/media/uploadnews', token, { articles: [article('x')] })).body
					.errcode,
			).toBe(40007);

			const sent = await api(fake, '/cgi-bin/message/mass/sendall', token, {
				filter: { is_to_all: true },
				msgtype: 'mpnews',
				mpnews: { media_id: bundle.body.media_id },
			});
			expect(sent.body).toMatchObject({ errcode: 0, msg_data_id: expect.any(Number) });
		});

		it('answers 45103 when switched off by the quirk', async () => {
			fake.quirks.uploadnewsDeprecated = true;
			const thumb = account.seedMedia({ kind: 'thumb' }).mediaId;
			expect(
				(await api(fake, '/cgi-bin/media/uploadnews', token, { articles: [article(thumb)] })).body
					.errcode,
			).toBe(45103);
		});
	});

	describe('drafts and freepublish', () => {
		it('adds a draft whose cover is permanent material and enforces field limits', async () => {
			const cover = account.seedMedia({ kind: 'image', permanent: true }).mediaId;
			const temporary = account.seedMedia({ kind: 'image' }).mediaId;
			const add = (a: Record<string, unknown>) =>
				api(fake, '/cgi-bin/draft/add', token, { articles: [a] });
			const base = { title: 'Title', content: '<p>x</p>', thumb_media_id: cover };

			const added = await add(base);
			expect(added.body).toEqual({ media_id: expect.any(String) });
			expect(account.drafts.get(added.body.media_id)?.articles).toEqual([base]);
			expect((await add({ ...base, thumb_media_id: temporary })).body.errcode).toBe(40007);
			expect((await add({ ...base, title: 'x'.repeat(33) })).body.errcode).toBe(45003);
			expect((await add({ ...base, content: '' })).body.errcode).toBe(44003);
			expect((await api(fake, '/cgi-bin/draft/add', token, { articles: [] })).body.errcode).toBe(
				44003,
			);
		});

		it('removes a published draft so a later mpnews send gets 40007', async () => {
			const draft = account.seedDraft();
			const published = await api(fake, '/cgi-bin/freepublish/submit', token, {
				media_id: draft.mediaId,
			});
			expect(published.body).toMatchObject({
				errcode: 0,
				publish_id: expect.any(String),
				msg_data_id: expect.any(Number),
			});
			expect(account.drafts.get(draft.mediaId)?.removedBy).toBe('publish');

			const sent = await api(fake, '/cgi-bin/message/mass/sendall', token, {
				filter: { is_to_all: true },
				msgtype: 'mpnews',
				mpnews: { media_id: draft.mediaId },
			});
			expect(sent.body.errcode).toBe(40007);
			expect(
				(await api(fake, '/cgi-bin/freepublish/submit', token, { media_id: draft.mediaId })).body
					.errcode,
			).toBe(40007);
		});
	});

	it('answers 45103 for the retired material/add_news', async () => {
		expect(
			(await api(fake, '/cgi-bin/material/add_news', token, { articles: [] })).body.errcode,
		).toBe(45103);
	});
});
