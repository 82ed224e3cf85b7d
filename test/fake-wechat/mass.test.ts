import { startFakeWeChat, type FakeAccount, type FakeWeChat, type MassJob } from './index';
import { APP_ID, APP_SECRET, api, call, startFake } from './__tests__/harness';

const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';

describe('fake WeChat mass messages', () => {
	let fake: FakeWeChat;
	let account: FakeAccount;
	let token: string;

	const text = (content: string, extra: Record<string, unknown> = {}) => ({
		msgtype: 'text',
		text: { content },
		...extra,
	});
	const toTag = (tagId: unknown, body: Record<string, unknown>) => ({
		filter: { is_to_all: false, tag_id: tagId },
		...body,
	});
	const toAll = (body: Record<string, unknown>) => ({ filter: { is_to_all: true }, ...body });

	beforeEach(async () => {
		fake = await startFake({ jobFinishDelayMs: 1000 });
		account = fake.addAccount({
			appId: APP_ID,
			appSecret: APP_SECRET,
			followers: 20,
			tags: [{ id: 100, name: 'VIP', members: 5 }],
		});
		token = account.currentStableToken();
	});

	afterEach(() => fake.close());

	describe('sendall', () => {
		it('submits a job to a tag, counts one delivery per member and writes msg_id as a big integer', async () => {
			const res = await api(fake, SENDALL, token, toTag(100, text('hello')));

			expect(res.body).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
			expect(res.text).toMatch(/"msg_id":\d{10,}[,}]/);
			expect(res.body.msg_id).toBeGreaterThan(2 ** 31);
			expect(res.body.msg_data_id).toBeUndefined();
			const members = account.followers.slice(0, 5);
			for (const openid of members) expect(account.deliveriesOf(openid, 'text:hello')).toBe(1);
			expect(account.deliveries(account.followers[5])).toBe(0);
			const job = account.jobs.get(String(res.body.msg_id)) as MassJob;
			expect(job).toMatchObject({ totalCount: 5, filterCount: 5, status: 'SENDING', tagId: 100 });
		});

		it('finishes the job after jobFinishDelayMs and emits jobFinished', async () => {
			const finished: MassJob[] = [];
			account.on('jobFinished', (job) => finished.push(job));
			const { body } = await api(fake, SENDALL, token, toAll(text('to all')));

			expect(
				(await api(fake, '/cgi-bin/message/mass/get', token, { msg_id: body.msg_id })).body,
			).toEqual({
				msg_id: body.msg_id,
				msg_status: 'SENDING',
			});
			fake.clock.advance(1000);
			expect(finished.map((j) => j.msgId)).toEqual([String(body.msg_id)]);
			expect(finished[0]).toMatchObject({
				finishStatus: 'send success',
				sentCount: 20,
				totalCount: 20,
			});
			const status = await api(fake, '/cgi-bin/message/mass/get', token, {
				msg_id: String(body.msg_id),
			});
			expect(status.body.msg_status).toBe('SEND_SUCCESS');
		});

		it('takes queued outcomes such as err(30003) when finishing', async () => {
			account.jobOutcomes.push('err(30003)');
			const { body } = await api(fake, SENDALL, token, toAll(text('reprint')));
			const job = account.finishJob(String(body.msg_id));
			expect(job).toMatchObject({ status: 'SEND_FAIL', finishStatus: 'err(30003)', sentCount: 0 });
		});

		it('answers msg_data_id for mpnews and removes the draft from the draft box', async () => {
			const draft = account.seedDraft();
			const body = {
				msgtype: 'mpnews',
				mpnews: { media_id: draft.mediaId },
				send_ignore_reprint: 0,
			};
			const first = await api(fake, SENDALL, token, toTag(100, body));
			const again = await api(fake, SENDALL, token, toTag(100, { ...body, clientmsgid: 'second' }));

			expect(first.body.msg_data_id).toBeGreaterThan(2 ** 31);
			expect(first.text).toMatch(/"msg_data_id":\d+}/);
			expect(again.body.errcode).toBe(40007);
		});

		it('refuses string filter values with 40008 and coerces them when the quirk is off', async () => {
			const stringy = { filter: { is_to_all: 'false', tag_id: '100' }, ...text('s') };
			expect((await api(fake, SENDALL, token, stringy)).body.errcode).toBe(40008);
			fake.quirks.rejectStringFilterTypes = false;
			expect((await api(fake, SENDALL, token, stringy)).body.errcode).toBe(0);
		});

		it('answers -1 for an unknown tag and 40152 for a missing one', async () => {
			expect((await api(fake, SENDALL, token, toTag(999, text('x')))).body.errcode).toBe(-1);
			const noTag = { filter: { is_to_all: false }, ...text('x') };
			expect((await api(fake, SENDALL, token, noTag)).body.errcode).toBe(40152);
		});

		it('answers 40152 for mpnews to all without tag_id only under the quirk', async () => {
			const draft = account.seedDraft();
			const body = toAll({ msgtype: 'mpnews', mpnews: { media_id: draft.mediaId } });
			fake.quirks.mpnewsToAllNeedsTagId = true;
			expect((await api(fake, SENDALL, token, body)).body.errcode).toBe(40152);
			const withEmptyTag = { ...body, filter: { is_to_all: true, tag_id: '' } };
			expect((await api(fake, SENDALL, token, withEmptyTag)).body.errcode).toBe(0);
		});

		it('checks msgtype and body shape', async () => {
			expect((await api(fake, SENDALL, token, toAll({ msgtype: 'music' }))).body.errcode).toBe(
				40008,
			);
			expect((await api(fake, SENDALL, token, toAll({ msgtype: 'text' }))).body.errcode).toBe(
				40008,
			);
			const image = account.seedMedia({ kind: 'image' }).mediaId;
			const single = toAll({ msgtype: 'image', image: { media_id: image } });
			expect((await api(fake, SENDALL, token, single)).body.errcode).toBe(40008);
			const images = toAll({ msgtype: 'image', images: { media_ids: [image], recommend: 'r' } });
			expect((await api(fake, SENDALL, token, images)).body.errcode).toBe(0);
		});

		it('answers 40007 for unknown or expired media and -1 for a kind mismatch under the quirk', async () => {
			const voice = account.seedMedia({ kind: 'voice' }).mediaId;
			const asImage = toAll({ msgtype: 'image', images: { media_ids: [voice] } });
			const unknown = toAll({ msgtype: 'voice', voice: { media_id: 'nope' } });
			expect((await api(fake, SENDALL, token, unknown)).body.errcode).toBe(40007);
			expect((await api(fake, SENDALL, token, asImage)).body.errcode).toBe(40007);
			fake.quirks.mediaKindMismatchErrcode = -1;
			expect((await api(fake, SENDALL, token, asImage)).body.errcode).toBe(-1);

			fake.clock.advance(3 * 86_400_000);
			const expired = toAll({ msgtype: 'voice', voice: { media_id: voice } });
			const fresh = account.currentStableToken();
			expect((await api(fake, SENDALL, fresh, expired)).body.errcode).toBe(40007);
		});

		it('answers 40033 for \\u escapes of non-ASCII text and accepts raw UTF-8', async () => {
			const escaped =
				'{"filter":{"is_to_all":true},"msgtype":"text","text":{"content":"\\u4f60\\u597d"}}';
			const res = await call(fake, 'POST', SENDALL, {
				query: { access_token: token },
				body: escaped,
			});
			expect(res.body.errcode).toBe(40033);
			expect((await api(fake, SENDALL, token, toAll(text('你好')))).body.errcode).toBe(0);
		});

		it('answers 43002, 44002 and 47001 for GET, an empty body and bad JSON', async () => {
			const query = { access_token: token };
			expect((await call(fake, 'GET', SENDALL, { query })).body.errcode).toBe(43002);
			expect((await call(fake, 'POST', SENDALL, { query, body: '' })).body.errcode).toBe(44002);
			expect((await call(fake, 'POST', SENDALL, { query, body: '{"filter":' })).body.errcode).toBe(
				47001,
			);
		});
	});

	describe('clientmsgid', () => {
		it('answers 45067 above 64 bytes, counting UTF-8 bytes', async () => {
			expect(
				(await api(fake, SENDALL, token, toAll(text('a', { clientmsgid: 'x'.repeat(65) })))).body
					.errcode,
			).toBe(45067);
			expect(
				(await api(fake, SENDALL, token, toAll(text('a', { clientmsgid: '群'.repeat(22) })))).body
					.errcode,
			).toBe(45067);
			expect(
				(await api(fake, SENDALL, token, toAll(text('a', { clientmsgid: 'x'.repeat(64) })))).body
					.errcode,
			).toBe(0);
		});

		it('answers 45066 within a minute and 45065 with the old msg_id and no msg_data_id later', async () => {
			const draft = account.seedDraft();
			const body = toTag(100, {
				msgtype: 'mpnews',
				mpnews: { media_id: draft.mediaId },
				clientmsgid: 'job-1',
			});
			const first = await api(fake, SENDALL, token, body);
			fake.clock.advance(59_000);
			const tooFast = await api(fake, SENDALL, token, body);
			fake.clock.advance(1_000);
			const exists = await api(fake, SENDALL, token, body);

			expect(tooFast.body.errcode).toBe(45066);
			expect(exists.body.errcode).toBe(45065);
			expect(exists.body.msg_id).toBe(first.body.msg_id);
			expect(exists.body.msg_data_id).toBeUndefined();
			expect(account.jobs.size).toBe(1);
			expect(account.deliveries(account.followers[0])).toBe(1);
		});

		it('forgets a clientmsgid after 24 hours', async () => {
			await api(fake, SENDALL, token, toTag(100, text('daily', { clientmsgid: 'same' })));
			fake.clock.advance(86_400_000);
			const fresh = account.currentStableToken();
			const again = await api(
				fake,
				SENDALL,
				fresh,
				toTag(100, text('daily', { clientmsgid: 'same' })),
			);
			expect(again.body.errcode).toBe(0);
		});

		it('derives one from audience and content when absent', async () => {
			await api(fake, SENDALL, token, toTag(100, text('same text')));
			fake.clock.advance(61_000);
			expect((await api(fake, SENDALL, token, toTag(100, text('same text')))).body.errcode).toBe(
				45065,
			);
			expect((await api(fake, SENDALL, token, toTag(100, text('other text')))).body.errcode).toBe(
				0,
			);
			expect((await api(fake, SENDALL, token, toAll(text('same text')))).body.errcode).toBe(0);
		});
	});

	describe('send by OpenID list', () => {
		it('answers 40130 for fewer than 2 or more than 10,000 OpenIDs', async () => {
			const one = { touser: [account.followers[0]], ...text('x') };
			expect((await api(fake, SEND, token, one)).body).toMatchObject({
				errcode: 40130,
				errmsg: expect.stringMatching(/^invalid openid list size, at least two openid rid: /),
			});
			account.addFollowers(10_001);
			const tooMany = { touser: account.followers.slice(0, 10_001), ...text('x') };
			expect((await api(fake, SEND, token, tooMany)).body.errcode).toBe(40130);
		});

		it('answers 40003 for an OpenID that does not follow the account', async () => {
			const body = {
				touser: [account.followers[0], 'o_stranger_000000000000000000'],
				...text('x'),
			};
			expect((await api(fake, SEND, token, body)).body.errcode).toBe(40003);
			expect(account.jobs.size).toBe(0);
		});

		it('delivers 100 batches of 10,000 to a million followers exactly once each, quickly', async () => {
			const big = fake.addAccount({ appId: 'wx_big', appSecret: 's', followers: 1_000_000 });
			big.limits.massApiPerMinute = 1000;
			const bigToken = big.currentStableToken();
			const draft = big.seedDraft();
			const started = Date.now();
			for (let i = 0; i < 100; i++) {
				const touser = big.followers.slice(i * 10_000, (i + 1) * 10_000);
				const res = await api(fake, SEND, bigToken, {
					touser,
					msgtype: 'mpnews',
					mpnews: { media_id: draft.mediaId },
					clientmsgid: `batch-${i}`,
				});
				expect(res.body.errcode).toBe(0);
			}
			const elapsed = Date.now() - started;

			const key = `mpnews:${draft.mediaId}`;
			const counts = big.followers.map((id) => big.deliveriesOf(id, key));
			expect(counts.every((n) => n === 1)).toBe(true);
			expect(new Set([...big.jobs.values()].map((j) => j.msgDataId)).size).toBe(1);
			expect(elapsed).toBeLessThan(8000);
		});

		it('consumes the draft after one batch when draftSurvivesBatches is off', async () => {
			fake.quirks.draftSurvivesBatches = false;
			const draft = account.seedDraft();
			const batch = (ids: string[], clientmsgid: string) => ({
				touser: ids,
				msgtype: 'mpnews',
				mpnews: { media_id: draft.mediaId },
				clientmsgid,
			});
			expect(
				(await api(fake, SEND, token, batch(account.followers.slice(0, 10), 'b1'))).body.errcode,
			).toBe(0);
			expect(
				(await api(fake, SEND, token, batch(account.followers.slice(10), 'b2'))).body.errcode,
			).toBe(40007);
		});

		it('is refused on subscription accounts with 48001 unless the quirk allows it', async () => {
			account.type = 'subscription';
			const body = { touser: account.followers.slice(0, 2), ...text('x') };
			expect((await api(fake, SEND, token, body)).body.errcode).toBe(48001);
			fake.quirks.subscriptionMassSend = true;
			expect((await api(fake, SEND, token, body)).body.errcode).toBe(0);
		});
	});

	describe('account quotas', () => {
		it('answers 48001 on an unverified account', async () => {
			account.verified = false;
			expect((await api(fake, SENDALL, token, toAll(text('x')))).body.errcode).toBe(48001);
		});

		it('allows one sendall a day on a subscription account (45028)', async () => {
			account.type = 'subscription';
			expect((await api(fake, SENDALL, token, toAll(text('one')))).body.errcode).toBe(0);
			expect((await api(fake, SENDALL, token, toTag(100, text('two')))).body.errcode).toBe(45028);
			fake.clock.advance(86_400_000);
			const fresh = account.currentStableToken();
			expect((await api(fake, SENDALL, fresh, toTag(100, text('two')))).body.errcode).toBe(0);
		});

		it('allows four to-all sends a month on a service account (45028)', async () => {
			for (let i = 0; i < 4; i++) {
				expect((await api(fake, SENDALL, token, toAll(text(`m${i}`)))).body.errcode).toBe(0);
			}
			expect((await api(fake, SENDALL, token, toAll(text('m4')))).body.errcode).toBe(45028);
			expect((await api(fake, SENDALL, token, toTag(100, text('tagged')))).body.errcode).toBe(0);
		});

		it('filters followers who already got 4 mass messages this month', async () => {
			const [capped, free] = account.followers;
			account.setReceiptsThisMonth(capped, 4);
			const { body } = await api(fake, SEND, token, { touser: [capped, free], ...text('x') });
			const job = account.jobs.get(String(body.msg_id)) as MassJob;

			expect(job).toMatchObject({ totalCount: 2, filterCount: 1, recipients: [free] });
			expect(account.deliveries(capped)).toBe(0);
			expect(account.deliveries(free)).toBe(1);
		});

		it('answers 45011 past 60 calls a minute and 45009 past 100 a day', async () => {
			const body = (i: number) => ({ touser: account.followers.slice(0, 2), ...text(`n${i}`) });
			for (let i = 0; i < 60; i++) await api(fake, SEND, token, body(i));
			expect((await api(fake, SEND, token, body(60))).body.errcode).toBe(45011);
			fake.clock.advance(60_000);
			for (let i = 61; i < 100; i++) await api(fake, SEND, token, body(i));
			expect((await api(fake, SEND, token, body(100))).body.errcode).toBe(45009);
		});
	});

	describe('get, delete, preview and speed', () => {
		it('answers 40059 for an unknown msg_id', async () => {
			expect(
				(await api(fake, '/cgi-bin/message/mass/get', token, { msg_id: 123 })).body.errcode,
			).toBe(40059);
		});

		it('deletes a sent mpnews job and every job sharing its material', async () => {
			const draft = account.seedDraft();
			const mpnews = { msgtype: 'mpnews', mpnews: { media_id: draft.mediaId } };
			const a = await api(fake, SEND, token, { touser: account.followers.slice(0, 2), ...mpnews });
			const b = await api(fake, SEND, token, { touser: account.followers.slice(2, 4), ...mpnews });
			const del = (body: unknown) => api(fake, '/cgi-bin/message/mass/delete', token, body);

			expect((await del({ msg_id: a.body.msg_id })).body.errcode).toBe(-1);
			fake.clock.advance(1000);
			expect((await del({ msg_id: a.body.msg_id, article_idx: 2 })).body.errcode).toBe(40060);
			expect((await del({ msg_id: a.body.msg_id })).body.errcode).toBe(0);
			expect(account.jobs.get(String(b.body.msg_id))?.status).toBe('DELETE');
		});

		it('refuses to delete a text job', async () => {
			const { body } = await api(fake, SENDALL, token, toAll(text('x')));
			fake.clock.advance(1000);
			expect(
				(await api(fake, '/cgi-bin/message/mass/delete', token, { msg_id: body.msg_id })).body
					.errcode,
			).toBe(40008);
		});

		it('previews to one follower or a WeChat ID without touching mass quotas', async () => {
			const res = await api(fake, '/cgi-bin/message/mass/preview', token, {
				touser: account.followers[0],
				...text('p'),
			});
			expect(res.body).toMatchObject({ errcode: 0, msg_id: expect.any(Number) });
			const stranger = await api(fake, '/cgi-bin/message/mass/preview', token, {
				touser: 'o_nobody',
				...text('p'),
			});
			expect(stranger.body.errcode).toBe(40003);
			account.limits.previewTowxnamePerDay = 1;
			const wx = { towxname: 'someone', ...text('p') };
			expect((await api(fake, '/cgi-bin/message/mass/preview', token, wx)).body.errcode).toBe(0);
			expect((await api(fake, '/cgi-bin/message/mass/preview', token, wx)).body.errcode).toBe(
				45009,
			);
			expect(account.jobs.size).toBe(0);
			expect(account.deliveries(account.followers[0])).toBe(0);
		});

		it('sets and reads the speed, on GET and POST, with the doc-example quirk', async () => {
			const set = (body: unknown) => api(fake, '/cgi-bin/message/mass/speed/set', token, body);
			expect((await set({})).body.errcode).toBe(45084);
			expect((await set({ speed: 5 })).body.errcode).toBe(45083);
			expect((await set({ speed: 3 })).body.errcode).toBe(0);
			const viaGet = await call(fake, 'GET', '/cgi-bin/message/mass/speed/get', {
				query: { access_token: token },
			});
			expect(viaGet.body).toEqual({ speed: 3, realspeed: 30 });
			fake.quirks.speedExampleMode = true;
			expect((await api(fake, '/cgi-bin/message/mass/speed/get', token, {})).body).toEqual({
				speed: 3,
				realspeed: 15,
			});
		});
	});

	it('finishes jobs on real time when the clock is not frozen', async () => {
		const live = await startFakeWeChat({ quirks: { jobFinishDelayMs: 30 } });
		try {
			const liveAccount = live.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 3 });
			const finished = new Promise<MassJob>((resolve) => liveAccount.once('jobFinished', resolve));
			const sent = await api(live, SENDALL, liveAccount.currentStableToken(), toAll(text('live')));

			const job = await finished;
			expect(job).toMatchObject({ msgId: String(sent.body.msg_id), status: 'SEND_SUCCESS' });
			expect(job.finishedAt! - job.createdAt).toBeGreaterThanOrEqual(30);
		} finally {
			await live.close();
		}
	});
});
