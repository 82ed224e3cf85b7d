import type { FakeWeChat } from './index';
import {
	APP_ID,
	APP_SECRET,
	RID,
	call,
	classicToken,
	stableToken,
	startFake,
	tokenState,
} from './__tests__/harness';

describe('fake WeChat token endpoints', () => {
	let fake: FakeWeChat;

	beforeEach(async () => {
		fake = await startFake();
		fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 3 });
	});

	afterEach(() => fake.close());

	describe('stable_token normal mode', () => {
		it('returns the same token with the remaining lifetime as expires_in', async () => {
			const first = await stableToken(fake);
			fake.clock.advance(1000_000);
			const second = await stableToken(fake);

			expect(first.body.access_token.length).toBeGreaterThanOrEqual(100);
			expect(first.body.expires_in).toBe(7200);
			expect(second.body.access_token).toBe(first.body.access_token);
			expect(second.body.expires_in).toBe(6200);
			expect(fake.account(APP_ID).stableTokenCalls).toBe(2);
		});

		it('hands out the next token in the last 5 minutes while the old one works until its expiry', async () => {
			const old = (await stableToken(fake)).body.access_token;
			fake.clock.advance(7200_000 - 299_000);
			const next = await stableToken(fake);

			expect(next.body.access_token).not.toBe(old);
			expect(next.body.expires_in).toBe(7200);
			expect(await tokenState(fake, old)).toBe(0);
			fake.clock.advance(299_000);
			expect(await tokenState(fake, old)).toBe(42001);
			expect(await tokenState(fake, next.body.access_token)).toBe(0);
		});

		it('never returns expires_in below 300', async () => {
			await stableToken(fake);
			for (let i = 0; i < 30; i++) {
				fake.clock.advance(290_000);
				expect((await stableToken(fake)).body.expires_in).toBeGreaterThanOrEqual(300);
			}
		});

		it('mints a new token after expireStableToken and answers 42001 for the expired one', async () => {
			const account = fake.account(APP_ID);
			const old = account.currentStableToken();
			account.expireStableToken();

			expect(await tokenState(fake, old)).toBe(42001);
			const fresh = (await stableToken(fake)).body.access_token;
			expect(fresh).not.toBe(old);
			expect(await tokenState(fake, fresh)).toBe(0);
		});

		it('ignores fields sent in the query string and answers 41002', async () => {
			const res = await call(fake, 'POST', '/cgi-bin/stable_token', {
				query: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET },
				json: { grant_type: 'client_credential' },
			});
			expect(res.body.errcode).toBe(41002);
		});

		it('answers 43002 to GET', async () => {
			const res = await call(fake, 'GET', '/cgi-bin/stable_token');
			expect(res.body.errcode).toBe(43002);
		});
	});

	describe('stable_token force_refresh', () => {
		it('invalidates the previous token at once by default', async () => {
			const old = (await stableToken(fake)).body.access_token;
			const forced = await stableToken(fake, { force_refresh: true });

			expect(forced.body.access_token).not.toBe(old);
			expect(await tokenState(fake, old)).toBe(40001);
			expect(fake.account(APP_ID).stableTokenForced).toBe(1);
		});

		it('keeps the previous token for stableForceGraceMs when configured', async () => {
			fake.quirks.stableForceGraceMs = 10_000;
			const old = (await stableToken(fake)).body.access_token;
			await stableToken(fake, { force_refresh: true });

			expect(await tokenState(fake, old)).toBe(0);
			fake.clock.advance(10_000);
			expect(await tokenState(fake, old)).toBe(40001);
		});

		it('does not refresh again within 30 seconds', async () => {
			const first = (await stableToken(fake, { force_refresh: true })).body.access_token;
			fake.clock.advance(29_000);
			const blocked = (await stableToken(fake, { force_refresh: true })).body.access_token;
			fake.clock.advance(1_000);
			const later = (await stableToken(fake, { force_refresh: true })).body.access_token;

			expect(blocked).toBe(first);
			expect(later).not.toBe(first);
		});

		it('allows 20 forced refreshes a day, then answers 45009 until the next day', async () => {
			for (let i = 0; i < 20; i++) {
				expect((await stableToken(fake, { force_refresh: true })).body.access_token).toBeDefined();
				fake.clock.advance(30_000);
			}
			const capped = await stableToken(fake, { force_refresh: true });
			expect(capped.body.errcode).toBe(45009);
			expect((await stableToken(fake)).body.access_token).toBeDefined();

			fake.clock.advance(86_400_000);
			expect((await stableToken(fake, { force_refresh: true })).body.access_token).toBeDefined();
		});

		it('rotateStableToken acts like a third party forcing a refresh', async () => {
			const account = fake.account(APP_ID);
			const old = (await stableToken(fake)).body.access_token;
			const rotated = account.rotateStableToken();

			expect(await tokenState(fake, old)).toBe(40001);
			expect((await stableToken(fake)).body.access_token).toBe(rotated);
		});
	});

	describe('classic /cgi-bin/token', () => {
		it('mints a new token on every call and keeps the previous one for 5 minutes', async () => {
			const first = await classicToken(fake);
			const second = await classicToken(fake);

			expect(first.body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
			expect(second.body.access_token).not.toBe(first.body.access_token);
			fake.clock.advance(299_000);
			expect(await tokenState(fake, first.body.access_token)).toBe(0);
			fake.clock.advance(1_000);
			expect(await tokenState(fake, first.body.access_token)).toBe(40001);
			expect(fake.account(APP_ID).classicTokenCalls).toBe(2);
		});

		it('is isolated from the stable token', async () => {
			const stable = (await stableToken(fake)).body.access_token;
			await classicToken(fake);
			await classicToken(fake);
			fake.clock.advance(600_000);

			expect(await tokenState(fake, stable)).toBe(0);
			expect((await stableToken(fake)).body.access_token).toBe(stable);
		});

		it('answers 45009 once the daily quota is used', async () => {
			fake.account(APP_ID).limits.classicTokenPerDay = 2;
			await classicToken(fake);
			await classicToken(fake);
			expect((await classicToken(fake)).body.errcode).toBe(45009);
		});
	});

	describe('credential validation', () => {
		const cases: [string, Record<string, string>, number][] = [
			['grant_type is wrong', { grant_type: 'password' }, 40002],
			['appid is missing', { appid: '' }, 41002],
			['secret is missing', { secret: '' }, 41004],
			['appid is unknown', { appid: 'wx_unknown' }, 40013],
			['secret is wrong', { secret: 'nope' }, 40125],
		];
		it.each(cases)('classic: %s', async (_name, query, errcode) => {
			const res = await classicToken(fake, query);
			expect(res.status).toBe(200);
			expect(res.body.errcode).toBe(errcode);
			expect(res.body.errmsg).toMatch(RID);
			expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
		});
		it.each(cases)('stable: %s', async (_name, fields, errcode) => {
			expect((await stableToken(fake, fields)).body.errcode).toBe(errcode);
		});

		it('answers 40001 for a wrong secret when the old-doc quirk is on', async () => {
			fake.quirks.wrongSecretErrcode = 40001;
			expect((await stableToken(fake, { secret: 'nope' })).body.errcode).toBe(40001);
		});

		it('answers 40243 for a frozen AppSecret', async () => {
			fake.account(APP_ID).secretFrozen = true;
			expect((await stableToken(fake)).body.errcode).toBe(40243);
		});

		it('answers 89503 while admin confirmation is required', async () => {
			fake.account(APP_ID).requireAdminConfirmation = true;
			expect((await classicToken(fake)).body.errcode).toBe(89503);
		});

		it('names the caller IP in 40164 when it is not whitelisted', async () => {
			fake.account(APP_ID).ipWhitelist = ['203.0.113.7'];
			const res = await stableToken(fake);
			expect(res.body.errcode).toBe(40164);
			expect(res.body.errmsg).toMatch(
				/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /,
			);
		});

		it('lets a whitelisted IP through and answers 61004 under the 2025-guide quirk', async () => {
			const account = fake.account(APP_ID);
			account.ipWhitelist = ['127.0.0.1'];
			expect((await stableToken(fake)).body.access_token).toBeDefined();
			account.ipWhitelist = [];
			fake.quirks.ipNotWhitelistedErrcode = 61004;
			expect((await classicToken(fake)).body.errcode).toBe(61004);
		});

		it('answers 45009 past 10,000 stable calls a minute and recovers the next minute', async () => {
			const account = fake.account(APP_ID);
			account.limits.stableTokenPerMinute = 3;
			for (let i = 0; i < 3; i++) await stableToken(fake);
			expect((await stableToken(fake)).body.errcode).toBe(45009);
			fake.clock.advance(60_000);
			expect((await stableToken(fake)).body.access_token).toBeDefined();
		});
	});

	describe('token check on business calls', () => {
		it('answers 41001 without a token', async () => {
			const res = await call(fake, 'GET', '/cgi-bin/get_api_domain_ip');
			expect(res.body.errcode).toBe(41001);
		});

		it('answers 40014 for a token it never issued, or 40001 under the quirk', async () => {
			expect(await tokenState(fake, 'not-a-token')).toBe(40014);
			fake.quirks.unknownTokenErrcode = 40001;
			expect(await tokenState(fake, 'not-a-token')).toBe(40001);
		});

		it('answers 40001 for a revoked token with the long errmsg', async () => {
			const account = fake.account(APP_ID);
			const token = account.currentStableToken();
			account.revokeToken(token);
			const res = await call(fake, 'GET', '/cgi-bin/get_api_domain_ip', {
				query: { access_token: token },
			});
			expect(res.body.errcode).toBe(40001);
			expect(res.body.errmsg).toContain('access_token is invalid or not latest');
		});

		it('answers get_api_domain_ip with an ip_list for a good token', async () => {
			const token = fake.account(APP_ID).currentStableToken();
			const res = await call(fake, 'GET', '/cgi-bin/get_api_domain_ip', {
				query: { access_token: token },
			});
			expect(res.body.ip_list.length).toBeGreaterThan(0);
		});
	});

	it('answers an injected -1 once and then normally', async () => {
		fake.inject({ path: '/cgi-bin/stable_token', action: { type: 'errcode', errcode: -1 } });
		const injected = await stableToken(fake);
		expect(injected.body.errcode).toBe(-1);
		expect(injected.body.errmsg).toMatch(/^system error rid: /);
		expect((await stableToken(fake)).body.access_token).toBeDefined();
		expect(fake.requestsTo('/cgi-bin/stable_token', APP_ID).map((e) => e.injected)).toEqual([
			'errcode',
			undefined,
		]);
	});
});
