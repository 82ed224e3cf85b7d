import { generateOpenIds, type FakeAccount, type FakeWeChat } from './index';
import { APP_ID, APP_SECRET, api, apiGet, startFake, type WireBody } from './__tests__/harness';

describe('fake WeChat audience', () => {
	let fake: FakeWeChat;
	let account: FakeAccount;
	let token: string;

	beforeEach(async () => {
		fake = await startFake();
		account = fake.addAccount({
			appId: APP_ID,
			appSecret: APP_SECRET,
			followers: 25_000,
			tags: [{ id: 100, name: 'VIP', members: 3 }],
		});
		token = account.currentStableToken();
	});

	afterEach(() => fake.close());

	it('generates distinct 28-character OpenIDs, deterministically and fast', () => {
		const started = Date.now();
		const ids = generateOpenIds('wx_many', 1_000_000);
		const elapsed = Date.now() - started;

		expect(new Set(ids).size).toBe(1_000_000);
		const sample = ids.filter((_, i) => i % 997 === 0);
		expect(sample.every((id) => /^o[A-Za-z0-9_-]{27}$/.test(id))).toBe(true);
		expect(generateOpenIds('wx_many', 3)).toEqual(ids.slice(0, 3));
		expect(generateOpenIds('wx_other', 1)[0]).not.toBe(ids[0]);
		expect(elapsed).toBeLessThan(5000);
	});

	it('pages user/get by 10,000 with next_openid, ending with count 0 and no data', async () => {
		const pages: WireBody[] = [];
		let next = '';
		for (;;) {
			const { body } = await apiGet(
				fake,
				'/cgi-bin/user/get',
				token,
				next ? { next_openid: next } : {},
			);
			pages.push(body);
			if (body.count === 0) break;
			next = body.next_openid;
		}

		expect(pages.map((p) => p.count)).toEqual([10_000, 10_000, 5_000, 0]);
		expect(pages.every((p) => p.total === 25_000)).toBe(true);
		expect(pages[0].next_openid).toBe(account.followers[9_999]);
		expect(pages[3]).toEqual({ total: 25_000, count: 0, next_openid: '' });
		const all = pages.flatMap((p) => p.data?.openid ?? []);
		expect(all).toEqual(account.followers);
	});

	it('keeps data on the final page when the quirk is off and rejects an unknown next_openid', async () => {
		fake.quirks.omitDataOnEmptyPage = false;
		const last = account.followers[account.followers.length - 1];
		const { body } = await apiGet(fake, '/cgi-bin/user/get', token, { next_openid: last });
		expect(body.data).toEqual({ openid: [] });
		const unknown = await apiGet(fake, '/cgi-bin/user/get', token, {
			next_openid: 'o_not_a_follower',
		});
		expect(unknown.body.errcode).toBe(40003);
	});

	it('answers 45009 past the user/get daily quota', async () => {
		account.limits.userGetPerDay = 1;
		await apiGet(fake, '/cgi-bin/user/get', token);
		expect((await apiGet(fake, '/cgi-bin/user/get', token)).body.errcode).toBe(45009);
	});

	it('lists tags with member counts and creates new ones with the documented limits', async () => {
		const created = await api(fake, '/cgi-bin/tags/create', token, { tag: { name: '广东' } });
		expect(created.body).toEqual({ tag: { id: 101, name: '广东' } });
		expect(
			(await api(fake, '/cgi-bin/tags/create', token, { tag: { name: '广东' } })).body.errcode,
		).toBe(45157);
		expect(
			(await api(fake, '/cgi-bin/tags/create', token, { tag: { name: 'x'.repeat(31) } })).body
				.errcode,
		).toBe(45158);

		const { body } = await apiGet(fake, '/cgi-bin/tags/get', token);
		expect(body.tags).toEqual([
			{ id: 2, name: '星标组', count: 0 },
			{ id: 100, name: 'VIP', count: 3 },
			{ id: 101, name: '广东', count: 0 },
		]);
	});

	it('answers 45056 once the account has 100 tags', async () => {
		account.limits.maxTags = 2;
		expect(
			(await api(fake, '/cgi-bin/tags/create', token, { tag: { name: 'a' } })).body.tag.id,
		).toBe(101);
		expect(
			(await api(fake, '/cgi-bin/tags/create', token, { tag: { name: 'b' } })).body.errcode,
		).toBe(45056);
	});

	it('tags followers in batches of at most 50 and pages the tag members', async () => {
		const batch = account.followers.slice(10, 60);
		const tagged = await api(fake, '/cgi-bin/tags/members/batchtagging', token, {
			openid_list: batch,
			tagid: 100,
		});
		expect(tagged.body.errcode).toBe(0);
		const tooMany = account.followers.slice(0, 51);
		expect(
			(
				await api(fake, '/cgi-bin/tags/members/batchtagging', token, {
					openid_list: tooMany,
					tagid: 100,
				})
			).body.errcode,
		).toBe(40032);
		const stranger = { openid_list: ['o_stranger'], tagid: 100 };
		expect(
			(await api(fake, '/cgi-bin/tags/members/batchtagging', token, stranger)).body.errcode,
		).toBe(40003);

		fake.quirks.tagPageSize = 40;
		const first = await api(fake, '/cgi-bin/user/tag/get', token, { tagid: 100, next_openid: '' });
		const second = await api(fake, '/cgi-bin/user/tag/get', token, {
			tagid: 100,
			next_openid: first.body.next_openid,
		});
		const end = await api(fake, '/cgi-bin/user/tag/get', token, {
			tagid: 100,
			next_openid: second.body.next_openid,
		});
		expect([first.body.count, second.body.count, end.body.count]).toEqual([40, 13, 0]);
		expect([...first.body.data.openid, ...second.body.data.openid]).toEqual([
			...account.tags.get(100)!.members,
		]);
		expect((await api(fake, '/cgi-bin/tags/getidlist', token, { openid: batch[0] })).body).toEqual({
			tagid_list: [100],
		});
		expect((await api(fake, '/cgi-bin/user/tag/get', token, { tagid: 555 })).body.errcode).toBe(
			45159,
		);
	});

	it('sends to a tag only the members who still follow', async () => {
		const [gone] = account.followers;
		account.removeFollowers([gone]);
		const { body } = await api(fake, '/cgi-bin/message/mass/sendall', token, {
			filter: { is_to_all: false, tag_id: 100 },
			msgtype: 'text',
			text: { content: 'hi' },
		});
		expect(account.jobs.get(String(body.msg_id))?.recipients).toEqual(
			account.followers.slice(0, 2),
		);
	});

	it('reports daily quota use through openapi/quota/get', async () => {
		await apiGet(fake, '/cgi-bin/user/get', token);
		const { body } = await api(fake, '/cgi-bin/openapi/quota/get', token, {
			cgi_path: '/cgi-bin/user/get',
		});
		expect(body).toEqual({
			errcode: 0,
			errmsg: 'ok',
			quota: { daily_limit: 500, used: 1, remain: 499 },
		});
		expect(
			(await api(fake, '/cgi-bin/openapi/quota/get', token, { cgi_path: '/nope' })).body.errcode,
		).toBe(76021);
	});
});
