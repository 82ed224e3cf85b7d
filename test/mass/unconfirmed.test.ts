/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import { FAST_QUIRKS, FAST_RETRIES, rows, startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SEND = '/cgi-bin/message/mass/send';

/** Behaviours nobody has confirmed (wechat-api.md §G): the node must work under both. */
describe('unconfirmed WeChat behaviours', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	const mpnewsToList = (mediaId: string) => ({
		resource: 'massMessage',
		operation: 'sendToOpenIds',
		recipientsFrom: 'field',
		openIdField: 'openid',
		messageType: 'mpnews',
		mpnewsMediaId: mediaId,
		sendOptions: FAST_RETRIES,
	});

	test.each([true, false])(
		'an mpnews draft sent to 25,000 OpenIDs reaches everyone once whether or not the draft survives a batch (survives: %s)',
		async (survives) => {
			wechat = await startWeChatFixture({ followers: 25_000, quirks: { draftSurvivesBatches: survives } });
			const draft = wechat.account.seedDraft();

			const { output, error } = await wechat.run(mpnewsToList(draft.mediaId), rows(wechat.account.followers));

			expect(error).toBeUndefined();
			const report = output[0].json as Record<string, any>;
			expect(report.status).toBe('sent');
			expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
			const mediaIds = wechat.fake.requestsTo(SEND).map((call) => (call.json as any).mpnews.media_id);
			if (survives) {
				expect(mediaIds).toEqual([draft.mediaId, draft.mediaId, draft.mediaId]);
				expect(report.draftsRecreated).toBeUndefined();
			} else {
				expect(report.draftsRecreated.map((entry: any) => entry.batch)).toEqual([2, 3]);
				expect(new Set(mediaIds).size).toBe(3);
				const [, recreated] = wechat.fake.requestsTo('/cgi-bin/draft/add');
				expect((recreated.json as any).articles[0].title).toBe('Fake article');
			}
		},
	);

	test('-1 answered after WeChat accepted the batch is retried, and the repeat is recognised', async () => {
		wechat = await startWeChatFixture({ followers: 30, quirks: FAST_QUIRKS });
		wechat.fake.inject({ path: SEND, action: { type: 'errcodeAfterProcess', errcode: -1 } });

		const { output } = await wechat.run(
			{ resource: 'massMessage', operation: 'sendToOpenIds', recipientsFrom: 'field', openIdField: 'openid', messageType: 'text', text: 'x', sendOptions: FAST_RETRIES },
			rows(wechat.account.followers),
		);

		expect(output[0].json.status).toBe('alreadySent');
		expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test.each([
		['rejectStringFilterTypes', { rejectStringFilterTypes: true }],
		['coerced string filters', { rejectStringFilterTypes: false }],
	])('send to tag works with %s', async (_name, quirks) => {
		wechat = await startWeChatFixture({ followers: 10, quirks });
		wechat.account.addTag({ id: 120, name: 'Beta', members: 4 });

		const { output, error } = await wechat.run({ resource: 'massMessage', operation: 'sendToTag', tagId: '120', messageType: 'text', text: 'x' });

		expect(error).toBeUndefined();
		expect(output[0].json.status).toBe('sent');
	});
});
