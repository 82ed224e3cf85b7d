import { request } from 'undici';

import type { FakeAccount, FakeWeChat } from './index';
import { APP_ID, APP_SECRET, api, call, startFake } from './__tests__/harness';

const SEND = '/cgi-bin/message/mass/send';

describe('fake WeChat fault injection, log and control API', () => {
	let fake: FakeWeChat;
	let account: FakeAccount;
	let token: string;
	let body: Record<string, unknown>;

	beforeEach(async () => {
		fake = await startFake();
		account = fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 10 });
		token = account.currentStableToken();
		body = {
			touser: account.followers.slice(0, 5),
			msgtype: 'text',
			text: { content: 'hi' },
			clientmsgid: 'c1',
		};
	});

	afterEach(() => fake.close());

	it('answers an injected errcode the given number of times without processing', async () => {
		fake.inject({
			path: SEND,
			times: 2,
			action: { type: 'errcode', errcode: 9500002, extra: { hint: 1 } },
		});
		const first = await api(fake, SEND, token, body);
		const second = await api(fake, SEND, token, body);
		const third = await api(fake, SEND, token, body);

		expect(first.body).toMatchObject({ errcode: 9500002, hint: 1 });
		expect(second.body.errcode).toBe(9500002);
		expect(third.body.errcode).toBe(0);
		expect(account.jobs.size).toBe(1);
	});

	it('matches rules by AppID and predicate', async () => {
		const other = fake.addAccount({ appId: 'wx_other', appSecret: 's', followers: 3 });
		fake.inject({
			path: '*',
			appId: 'wx_other',
			when: (e) => e.path === '/cgi-bin/get_api_domain_ip',
			action: { type: 'httpStatus', status: 502, body: '<html>Bad Gateway</html>' },
		});
		const mine = await call(fake, 'GET', '/cgi-bin/get_api_domain_ip', {
			query: { access_token: token },
		});
		const theirs = await call(fake, 'GET', '/cgi-bin/get_api_domain_ip', {
			query: { access_token: other.currentStableToken() },
		});

		expect(mine.status).toBe(200);
		expect(theirs.status).toBe(502);
		expect(theirs.text).toBe('<html>Bad Gateway</html>');
	});

	it('drops the connection before processing: nothing is submitted', async () => {
		fake.inject({ path: SEND, action: { type: 'dropBeforeProcess' } });
		await expect(api(fake, SEND, token, body)).rejects.toThrow();

		expect(account.jobs.size).toBe(0);
		expect(fake.requestsTo(SEND)[0]).toMatchObject({ status: 0, injected: 'dropBeforeProcess' });
		expect((await api(fake, SEND, token, body)).body.errcode).toBe(0);
	});

	it('drops the connection after processing: the job is submitted and a retry learns its msg_id', async () => {
		fake.inject({ path: SEND, action: { type: 'dropAfterProcess' } });
		await expect(api(fake, SEND, token, body)).rejects.toThrow();

		expect(account.jobs.size).toBe(1);
		const [job] = account.jobs.values();
		expect(account.deliveries(account.followers[0])).toBe(1);
		const dropped = fake.requestsTo(SEND)[0];
		expect(dropped.status).toBe(0);
		expect(dropped.response).toMatchObject({ errcode: 0, msg_id: Number(job.msgId) });

		expect((await api(fake, SEND, token, body)).body.errcode).toBe(45066);
		fake.clock.advance(60_000);
		const retried = await api(fake, SEND, token, body);
		expect(retried.body).toMatchObject({ errcode: 45065, msg_id: Number(job.msgId) });
		expect(account.deliveries(account.followers[0])).toBe(1);
	});

	it('delays the answer after processing so a client timeout still leaves a submitted job', async () => {
		fake.inject({ path: SEND, action: { type: 'delayAfterProcess', ms: 500 } });
		const url = `${fake.url}${SEND}?access_token=${token}`;
		const signal = AbortSignal.timeout(100);
		await expect(
			request(url, { method: 'POST', body: JSON.stringify(body), signal }),
		).rejects.toThrow();
		expect(account.jobs.size).toBe(1);
	});

	it('adds latency before every answer', async () => {
		fake.setLatency(150);
		const started = Date.now();
		await call(fake, 'GET', '/cgi-bin/get_api_domain_ip', { query: { access_token: token } });
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('logs every request in order with method, query, JSON body and answer', async () => {
		await api(fake, SEND, token, body);
		await call(fake, 'GET', '/cgi-bin/token', { query: { appid: APP_ID } });

		expect(fake.log.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', SEND, 200],
			['GET', '/cgi-bin/token', 200],
		]);
		expect(fake.log[0]).toMatchObject({
			appId: APP_ID,
			token,
			json: body,
			query: { access_token: token },
		});
		expect(fake.log[0].rawBody.toString()).toBe(JSON.stringify(body));
		expect(fake.log[1]).toMatchObject({ appId: APP_ID, response: { errcode: 40002 } });
		fake.clearLog();
		expect(fake.log).toEqual([]);
	});

	it('offers the hooks over HTTP under /__fake/ for out-of-process runs', async () => {
		const control = (method: 'GET' | 'POST', path: string, json?: unknown) =>
			call(fake, method, `/__fake/${path}`, json === undefined ? {} : { json });
		fake.quirks.jobFinishDelayMs = null;
		const sent = await api(fake, SEND, token, body);

		const summary = await control('GET', `deliveries?appId=${APP_ID}&msgKey=text:hi`);
		expect(summary.body).toEqual({ followers: 10, none: 5, once: 5, moreThanOnce: 0 });
		await control('POST', 'jobs/finish', {
			appId: APP_ID,
			msgId: String(sent.body.msg_id),
			status: 'err(20002)',
		});
		const events = await control('GET', 'events?since=0');
		expect(events.body.events).toEqual([
			{
				seq: 1,
				job: expect.objectContaining({
					msgId: String(sent.body.msg_id),
					finishStatus: 'err(20002)',
				}),
			},
		]);
		await control('POST', 'quirks', { ipNotWhitelistedErrcode: 61004 });
		expect(fake.quirks.ipNotWhitelistedErrcode).toBe(61004);
		await control('POST', 'token/expire', { appId: APP_ID });
		expect((await api(fake, SEND, token, body)).body.errcode).toBe(42001);
		expect(fake.log.some((e) => e.path.startsWith('/__fake/'))).toBe(false);
	});
});
