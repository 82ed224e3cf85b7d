/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import { FAST_QUIRKS, FAST_RETRIES, rows, startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SEND = '/cgi-bin/message/mass/send';
const textTo = (extra: Record<string, unknown> = {}) => ({
	resource: 'massMessage',
	operation: 'sendToOpenIds',
	recipientsFrom: 'field',
	openIdField: 'openid',
	messageType: 'text',
	text: '新品上架 / New arrivals',
	...extra,
});

describe('Send to OpenID List', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	test('25,001 OpenIDs from input items become 3 calls of 10,000 / 10,000 / 5,001 and one output item', async () => {
		wechat = await startWeChatFixture({ followers: 25_001 });
		const followers = wechat.account.followers;

		const { output, error } = await wechat.run(textTo(), rows(followers));

		expect(error).toBeUndefined();
		const calls = wechat.fake.requestsTo(SEND);
		expect(calls.map((call) => (call.json as { touser: string[] }).touser.length)).toEqual([10_000, 10_000, 5_001]);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toHaveLength(25_001);
		const report = output[0].json as Record<string, any>;
		expect(report.status).toBe('sent');
		expect(report.counts).toMatchObject({ requested: 25_001, invalid: 0, duplicate: 0, recipients: 25_001, sent: 25_001, batches: 3 });
		expect(report.msgIds).toHaveLength(3);
		for (const msgId of report.msgIds) expect(typeof msgId).toBe('string');
		expect(followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test('trims, removes duplicates and malformed ids, and reports what it dropped', async () => {
		wechat = await startWeChatFixture({ followers: 5 });
		const [a, b, c] = wechat.account.followers;
		const items = rows([` ${a} `, b, a, 'not an openid', '', c, b]);

		const { output, error } = await wechat.run(textTo(), items);

		expect(error).toBeUndefined();
		const sent = (wechat.fake.requestsTo(SEND)[0].json as { touser: string[] }).touser;
		expect(sent.sort()).toEqual([a, b, c].sort());
		expect(output[0].json.counts).toMatchObject({ requested: 7, invalid: 2, duplicate: 2, recipients: 3, sent: 3 });
		expect((output[0].json.counts as any).invalidSamples).toEqual(['not an openid', '(empty)']);
	});

	test('a field holding a list of OpenIDs per item is flattened into the same broadcast', async () => {
		wechat = await startWeChatFixture({ followers: 6 });
		const ids = wechat.account.followers;
		const items = [{ json: { customer: { wechat: ids.slice(0, 3) } } }, { json: { customer: { wechat: ids.slice(3) } } }];

		const { output } = await wechat.run(textTo({ openIdField: 'customer.wechat' }), items);

		expect(output[0].json.counts).toMatchObject({ recipients: 6, sent: 6 });
		expect(ids.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test('a single OpenID is refused with advice instead of a batch WeChat would reject (40130)', async () => {
		wechat = await startWeChatFixture({ followers: 3 });
		const [only] = wechat.account.followers;

		const { error } = await wechat.run(textTo(), rows([only, only, 'x']));

		expect(error?.message).toBe('WeChat mass messages need at least two OpenIDs; this list has one');
		expect(error?.description).toContain('Preview operation');
		expect(wechat.fake.requestsTo(SEND)).toHaveLength(0);
	});

	test('10,001 OpenIDs never leave a batch of one: 9,999 + 2', async () => {
		wechat = await startWeChatFixture({ followers: 10_001 });

		const { error } = await wechat.run(textTo(), rows(wechat.account.followers));

		expect(error).toBeUndefined();
		const sizes = wechat.fake.requestsTo(SEND).map((call) => (call.json as { touser: string[] }).touser.length);
		expect(sizes).toEqual([9_999, 2]);
	});

	test('no valid OpenID at all names the field to check', async () => {
		wechat = await startWeChatFixture();

		const { error } = await wechat.run(textTo({ openIdField: 'openId' }), rows(['o1', 'o2'], 'openid'));

		expect(error?.message).toBe('There is no valid OpenID to send to');
		expect(error?.description).toContain('"openId"');
	});

	test('a list per input item makes one broadcast per item', async () => {
		wechat = await startWeChatFixture({ followers: 4 });
		const [a, b, c, d] = wechat.account.followers;
		const items = [{ json: { ids: [a, b] } }, { json: { ids: `${c}\n${d}` } }];

		const { output } = await wechat.run(
			textTo({ recipientsFrom: 'list', openIds: '={{ $json.ids }}' }),
			items,
		);

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output.map((item) => item.json.status)).toEqual(['sent', 'sent']);
		expect(wechat.fake.requestsTo(SEND)).toHaveLength(2);
	});

	test('an unknown OpenID (40003) stops the broadcast with WeChat\'s reason and what went out', async () => {
		wechat = await startWeChatFixture({ followers: 3 });
		const stranger = 'oStrangerNotAFollower0000001';

		const { error } = await wechat.run(textTo(), rows([...wechat.account.followers, stranger]));

		expect(error?.message).toContain('not a follower of this Official Account');
		expect(error?.description).toContain('Running the same execution again sends only what is missing');
	});

	test('running the same execution again reports "already sent" with the original msg_id and sends nothing', async () => {
		wechat = await startWeChatFixture({ followers: 12_000, quirks: { clientMsgIdRetryTooFastMs: 0 } });
		const items = rows(wechat.account.followers);

		const first = await wechat.run(textTo(), items);
		const second = await wechat.run(textTo(), items);

		expect(second.error).toBeUndefined();
		expect(second.output[0].json.status).toBe('alreadySent');
		expect(second.output[0].json.msgIds).toEqual(first.output[0].json.msgIds);
		expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test('an Idempotency Key names the broadcast: a second event with the same key is not sent again', async () => {
		wechat = await startWeChatFixture({ followers: 3, quirks: { clientMsgIdRetryTooFastMs: 0 } });
		const items = rows(wechat.account.followers);

		await wechat.run(textTo({ idempotencyKey: 'crm-event-42' }), items);
		const again = await wechat.run(textTo({ idempotencyKey: 'crm-event-42', text: 'changed wording' }), items);
		const other = await wechat.run(textTo({ idempotencyKey: 'crm-event-43' }), items);

		expect(again.output[0].json.status).toBe('alreadySent');
		expect(other.output[0].json.status).toBe('sent');
		expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 2)).toBe(true);
	});

	test('every clientmsgid fits WeChat\'s 64-byte limit and differs per batch', async () => {
		wechat = await startWeChatFixture({ followers: 20_500 });

		await wechat.run(textTo({ idempotencyKey: 'x'.repeat(500) }), rows(wechat.account.followers));

		const ids = wechat.fake.requestsTo(SEND).map((call) => (call.json as { clientmsgid: string }).clientmsgid);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
	});

	test('Continue On Fail turns a refused broadcast into an output item that says what happened', async () => {
		wechat = await startWeChatFixture({ followers: 3 });
		wechat.fake.inject({ path: SEND, action: { type: 'errcode', errcode: 45028 } });

		const { output, error } = await wechat.run(textTo({ sendOptions: FAST_RETRIES }), rows(wechat.account.followers), {
			settings: { onError: 'continueRegularOutput' },
		});

		expect(error).toBeUndefined();
		expect(output[0].json.status).toBe('failed');
		expect(output[0].json.error).toContain('No mass-message quota left');
		expect(FAST_QUIRKS).toBeDefined();
	});
});
