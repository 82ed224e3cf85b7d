/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import type { InjectionAction } from '../fake-wechat';
import { FAST_QUIRKS, FAST_RETRIES, rows, startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SEND = '/cgi-bin/message/mass/send';
const SENDALL = '/cgi-bin/message/mass/sendall';

const toList = (sendOptions: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'sendToOpenIds',
	recipientsFrom: 'field',
	openIdField: 'openid',
	messageType: 'text',
	text: 'Flash sale starts now',
	sendOptions,
});

/** The faults that leave the client not knowing whether WeChat accepted the batch. */
const AFTER_ACCEPT: Array<[string, InjectionAction]> = [
	['a dropped connection', { type: 'dropAfterProcess' }],
	['a timeout', { type: 'delayAfterProcess', ms: 1500 }],
];

function expectEveryFollowerOnce(wechat: WeChatFixture): void {
	const counts = wechat.account.followers.map((openId) => wechat.account.deliveries(openId));
	expect(counts.filter((count) => count !== 1)).toEqual([]);
}

describe('a broadcast never goes out twice', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	test.each(AFTER_ACCEPT)(
		'%s after WeChat accepted batch 2 of 3: the node retries and every follower gets the message once',
		async (_name, action) => {
			wechat = await startWeChatFixture({ followers: 25_000, quirks: FAST_QUIRKS });
			let call = 0;
			wechat.fake.inject({ path: SEND, when: () => ++call === 2, action });

			const { output, error } = await wechat.run(
				toList({ ...FAST_RETRIES, timeoutSeconds: 0.8 }),
				rows(wechat.account.followers),
			);

			expect(error).toBeUndefined();
			const report = output[0].json as Record<string, any>;
			expect(report.status).toBe('sent');
			expect(report.batches.map((batch: any) => batch.status)).toEqual(['sent', 'alreadySent', 'sent']);
			expect(report.batches[1].msgId).toEqual(expect.any(String));
			expectEveryFollowerOnce(wechat);
		},
	);

	test.each(AFTER_ACCEPT)(
		'%s with the node\'s own retries off and n8n\'s Retry On Fail on: still exactly once',
		async (_name, action) => {
			wechat = await startWeChatFixture({ followers: 25_000, quirks: FAST_QUIRKS });
			let call = 0;
			wechat.fake.inject({ path: SEND, when: () => ++call === 2, action });

			const { output, error, run } = await wechat.run(
				toList({ ...FAST_RETRIES, maxRetries: 0, timeoutSeconds: 0.8 }),
				rows(wechat.account.followers),
				{ settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 } },
			);

			expect(error).toBeUndefined();
			expect(run.data.resultData.runData.WeChat).toHaveLength(1);
			expect(output[0].json.status).toBe('sent');
			expectEveryFollowerOnce(wechat);
			expect(wechat.fake.requestsTo(SEND).length).toBeGreaterThanOrEqual(4);
		},
	);

	test('system error -1 is retried under the same clientmsgid with back-off', async () => {
		wechat = await startWeChatFixture({ followers: 30, quirks: FAST_QUIRKS });
		wechat.fake.inject({ path: SEND, times: 2, action: { type: 'errcode', errcode: -1 } });

		const { output } = await wechat.run(toList(FAST_RETRIES), rows(wechat.account.followers));

		const calls = wechat.fake.requestsTo(SEND);
		expect(calls).toHaveLength(3);
		expect(new Set(calls.map((c) => (c.json as any).clientmsgid)).size).toBe(1);
		expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(calls[1].at - calls[0].at);
		expect(output[0].json.status).toBe('sent');
		expectEveryFollowerOnce(wechat);
	});

	test('retries are bounded: -1 forever ends in an error after the configured retries', async () => {
		wechat = await startWeChatFixture({ followers: 30, quirks: FAST_QUIRKS });
		wechat.fake.inject({ path: SEND, times: 100, action: { type: 'errcode', errcode: -1 } });

		const { error } = await wechat.run(toList({ ...FAST_RETRIES, maxRetries: 2 }), rows(wechat.account.followers));

		expect(wechat.fake.requestsTo(SEND)).toHaveLength(3);
		expect(error?.message).toContain('system error');
	});

	test('batch 2 of 3 refused for quota: the error says what went out, and the re-run sends only the rest', async () => {
		wechat = await startWeChatFixture({ followers: 25_000, quirks: { clientMsgIdRetryTooFastMs: 0 } });
		let call = 0;
		wechat.fake.inject({ path: SEND, when: () => ++call === 2, action: { type: 'errcode', errcode: 45028 } });
		const items = rows(wechat.account.followers);

		const first = await wechat.run(toList(FAST_RETRIES), items);

		expect(first.error?.message).toMatch(/^1 of 3 batches went out; batch 2 failed: No mass-message quota left/);
		expect(first.error?.description).toMatch(/Sent: batches 1 \(msg_id \d+\)\. Not sent: batches 2–3\./);
		const sentFirst = wechat.fake.requestsTo(SEND).length;

		const second = await wechat.run(toList(FAST_RETRIES), items);

		expect(second.error).toBeUndefined();
		expect((second.output[0].json as any).batches.map((b: any) => b.status)).toEqual(['alreadySent', 'sent', 'sent']);
		expect(wechat.fake.requestsTo(SEND).length - sentFirst).toBe(3);
		expectEveryFollowerOnce(wechat);
	});

	test('45066 (same clientmsgid too fast) is waited out once and reported with the msg_id of the first send', async () => {
		wechat = await startWeChatFixture({ followers: 12, quirks: FAST_QUIRKS });
		const items = rows(wechat.account.followers);

		const first = await wechat.run(toList(FAST_RETRIES), items);
		const second = await wechat.run(toList(FAST_RETRIES), items);

		const answers = wechat.fake.requestsTo(SEND).map((call) => (call.response as any).errcode);
		expect(answers).toEqual([0, 45066, 45065]);
		expect(second.output[0].json.status).toBe('alreadySent');
		expect(second.output[0].json.msgId).toBe(first.output[0].json.msgId);
		expectEveryFollowerOnce(wechat);
	});

	test('Send to All Followers survives a dropped connection without a second broadcast', async () => {
		wechat = await startWeChatFixture({ followers: 40, quirks: FAST_QUIRKS });
		wechat.fake.inject({ path: SENDALL, action: { type: 'dropAfterProcess' } });

		const { output, error } = await wechat.run({
			resource: 'massMessage',
			operation: 'sendToAll',
			messageType: 'text',
			text: 'Happy new year',
			sendOptions: FAST_RETRIES,
		});

		expect(error).toBeUndefined();
		expect(output[0].json.status).toBe('alreadySent');
		expect(output[0].json.msgId).toEqual(expect.any(String));
		expectEveryFollowerOnce(wechat);
	});

	test('a request refused before it reached WeChat (connection refused) is retried too', async () => {
		wechat = await startWeChatFixture({ followers: 10, quirks: FAST_QUIRKS });
		wechat.fake.inject({ path: SEND, action: { type: 'dropBeforeProcess' } });

		const { output } = await wechat.run(toList(FAST_RETRIES), rows(wechat.account.followers));

		expect(output[0].json.status).toBe('sent');
		expectEveryFollowerOnce(wechat);
	});
});
