/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { rows, startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SEND = '/cgi-bin/message/mass/send';

describe('the batches of one broadcast share one credential read', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	test('a 3-batch broadcast decrypts the credential twice at most (appId + batches), not once per batch', async () => {
		wechat = await startWeChatFixture({ followers: 25_000 });
		const getDecrypted = wechat.credentials.getDecrypted.bind(wechat.credentials);
		let reads = 0;
		wechat.credentials.getDecrypted = async (...args: Parameters<typeof getDecrypted>): Promise<ICredentialDataDecryptedObject> => {
			reads++;
			return await getDecrypted(...args);
		};

		await wechat.run(
			{ resource: 'massMessage', operation: 'sendToOpenIds', recipientsFrom: 'field', openIdField: 'openid', messageType: 'text', text: 'x' },
			rows(wechat.account.followers),
		);

		expect(wechat.fake.requestsTo(SEND)).toHaveLength(3);
		expect(reads).toBeLessThanOrEqual(2);
	});

	test('a token that expires between batches is refreshed once and the later batches use the new one', async () => {
		wechat = await startWeChatFixture({ followers: 25_000 });
		let sends = 0;
		wechat.fake.inject({
			path: SEND,
			when: () => {
				if (++sends === 2) wechat.account.expireStableToken();
				return false;
			},
			action: { type: 'errcode', errcode: 0 },
		});

		const { output, error } = await wechat.run(
			{ resource: 'massMessage', operation: 'sendToOpenIds', recipientsFrom: 'field', openIdField: 'openid', messageType: 'text', text: 'x' },
			rows(wechat.account.followers),
		);

		expect(error).toBeUndefined();
		expect(output[0].json.status).toBe('sent');
		const calls = wechat.fake.requestsTo(SEND);
		expect(calls.map((call) => (call.response as any).errcode)).toEqual([0, 42001, 0, 0]);
		expect(calls[3].token).toBe(calls[2].token);
		expect(calls[2].token).not.toBe(calls[0].token);
		expect(wechat.account.stableTokenCalls).toBe(2);
	});
});
