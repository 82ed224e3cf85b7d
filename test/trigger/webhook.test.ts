/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the keys are test fixtures */
import { getCallback, postCallback } from './support/client';
import { dig } from './support/dig';
import { ACCOUNT_ID, FOLLOWER, massJobFinishXml, textMessageXml } from './support/payloads';
import { freezeClockAt, onlyItem as only, trackTriggerServers } from './support/servers';
import { WeChatSimulator } from './support/simulator';
import { V3 } from './support/vectors';

const SAFE_ACCOUNT = {
	token: 'trigger2024token',
	encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	appId: 'wxb11529c136998cb6',
};

const start = trackTriggerServers();

describe('URL verification (GET)', () => {
	test('V3a: answers the official echostr verbatim as text/plain and starts nothing', async () => {
		const server = await start({ credential: { token: V3.token, encryptionMode: 'plaintext' } });
		const answer = await getCallback(server.url, {
			signature: V3.get.signature,
			timestamp: V3.get.timestamp,
			nonce: V3.get.nonce,
			echostr: V3.get.echostr,
		});
		expect(answer).toEqual({
			status: 200,
			body: V3.get.echostr,
			contentType: 'text/plain; charset=utf-8',
		});
		expect(server.executions).toHaveLength(0);
	});

	test('is signed the same way in safe mode', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'safe' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'safe' });
		const answer = await getCallback(server.url, simulator.verification('1234567890123'));
		expect(answer.status).toBe(200);
		expect(answer.body).toBe('1234567890123');
	});

	test('refuses to echo when the signature is wrong, and does not reveal the echostr', async () => {
		const server = await start({ credential: { token: V3.token, encryptionMode: 'plaintext' } });
		const answer = await getCallback(server.url, {
			signature: V3.get.signature.replace(/^f/, 'e'),
			timestamp: V3.get.timestamp,
			nonce: V3.get.nonce,
			echostr: V3.get.echostr,
		});
		expect(answer).toMatchObject({ status: 401, body: 'invalid signature' });
		expect(server.executions).toHaveLength(0);
	});
});

describe('plaintext mode', () => {
	const account = {
		token: 'plainToken42',
		encodingAesKey: '',
		appId: '',
		mode: 'plaintext' as const,
	};

	test('answers "success" at once and runs the workflow with the message under WeChat names', async () => {
		const server = await start({
			credential: { token: account.token, encryptionMode: 'plaintext' },
		});
		const simulator = new WeChatSimulator(account);
		const push = simulator.push(textMessageXml('hello 你好', '23202806689943943'), {
			openid: FOLLOWER,
		});
		const answer = await postCallback(server.url, push);

		expect(answer).toEqual({
			status: 200,
			body: 'success',
			contentType: 'text/plain; charset=utf-8',
		});
		const item = only(server);
		expect(item.json).toMatchObject({
			ToUserName: ACCOUNT_ID,
			FromUserName: FOLLOWER,
			MsgType: 'text',
			Content: 'hello 你好',
			MsgId: '23202806689943943',
			CreateTime: '1714112445',
			callback: {
				timestamp: push.query.timestamp,
				nonce: push.query.nonce,
				openid: FOLLOWER,
				encryption: 'plaintext',
				aesKey: null,
				format: 'xml',
			},
		});
		expect(
			new Date(String((item.json.callback as { receivedAt: string }).receivedAt)).getTime(),
		).toBeGreaterThan(Date.now() - 60_000);
		expect(server.results[0]).toMatchObject({ noWebhookResponse: true });
	});

	test('V3b: accepts the official JSON-format plaintext push', async () => {
		freezeClockAt(V3.plain.timestamp);
		const server = await start({ credential: { token: V3.token, encryptionMode: 'plaintext' } });
		const answer = await postCallback(server.url, {
			query: {
				signature: V3.plain.signature,
				timestamp: V3.plain.timestamp,
				nonce: V3.plain.nonce,
			},
			body: V3.plain.body,
			contentType: 'application/json',
		});
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(only(server).json).toMatchObject({
			MsgType: 'event',
			Event: 'debug_demo',
			CreateTime: '1714037059',
			debug_str: 'hello world',
			callback: { format: 'json', encryption: 'plaintext' },
		});
	});

	test('adds the message as sent when Include Raw Message is on', async () => {
		const server = await start({
			credential: { token: account.token, encryptionMode: 'plaintext' },
			parameters: { settings: { includeRawMessage: true } },
		});
		const xml = textMessageXml('raw please', '1');
		await postCallback(server.url, new WeChatSimulator(account).push(xml));
		expect((only(server).json.callback as { rawMessage: string }).rawMessage).toBe(xml);
	});
});

describe('safe mode', () => {
	test('V3c: opens the official safe-mode push and checks its AppID', async () => {
		freezeClockAt(V3.safe.query.timestamp);
		const server = await start({
			credential: {
				token: V3.token,
				encodingAesKey: V3.encodingAesKey,
				appId: V3.appId,
				encryptionMode: 'safe',
			},
		});
		const answer = await postCallback(server.url, {
			query: V3.safe.query,
			body: V3.safe.body,
			contentType: 'application/json',
		});
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(only(server).json).toEqual({
			ToUserName: 'gh_97417a04a28d',
			FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
			CreateTime: '1714112445',
			MsgType: 'event',
			Event: 'debug_demo',
			debug_str: 'hello world',
			callback: {
				timestamp: '1714112445',
				nonce: '415670741',
				openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
				receivedAt: new Date(1714112445000).toISOString(),
				encryption: 'safe',
				aesKey: 'current',
				format: 'json',
			},
		});
	});

	test('V3c: refuses the same push for a credential with another AppID', async () => {
		freezeClockAt(V3.safe.query.timestamp);
		const server = await start({
			credential: {
				token: V3.token,
				encodingAesKey: V3.encodingAesKey,
				appId: 'wxffffffffffffffff',
				encryptionMode: 'safe',
			},
		});
		const answer = await postCallback(server.url, {
			query: V3.safe.query,
			body: V3.safe.body,
			contentType: 'application/json',
		});
		expect(answer).toMatchObject({ status: 403, body: 'message is for a different AppID' });
		expect(server.executions).toHaveLength(0);
	});

	test('delivers a mass job report with its nested result lists as arrays and MsgID as a string', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'safe' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'safe' });
		await postCallback(server.url, simulator.push(massJobFinishXml(1, '1000000001234567890')));
		const json = only(server).json;
		expect(json).toMatchObject({
			MsgType: 'event',
			Event: 'MASSSENDJOBFINISH',
			MsgID: '1000000001234567890',
			Status: 'send success',
			TotalCount: '100000',
			ErrorCount: '10',
			callback: { encryption: 'safe', aesKey: 'current', format: 'xml' },
		});
		expect(dig(json, 'CopyrightCheckResult', 'ResultList', 'item')).toEqual([
			expect.objectContaining({ ArticleIdx: '1', CanReprint: '1' }),
		]);
		expect(dig(json, 'ArticleUrlResult', 'ResultList', 'item', 0, 'ArticleUrl')).toContain('idx=1');
	});

	test('opens messages still encrypted with the previous EncodingAESKey during a key change', async () => {
		const previousKey = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
		const server = await start({
			credential: { ...SAFE_ACCOUNT, previousEncodingAesKey: previousKey, encryptionMode: 'safe' },
		});
		const oldSide = new WeChatSimulator({
			...SAFE_ACCOUNT,
			encodingAesKey: previousKey,
			mode: 'safe',
		});
		const newSide = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'safe' });
		await postCallback(server.url, oldSide.push(textMessageXml('old key', '11')));
		await postCallback(server.url, newSide.push(textMessageXml('new key', '12')));
		expect(server.executions.map((run) => run[0][0].json.callback)).toEqual([
			expect.objectContaining({ aesKey: 'previous' }),
			expect.objectContaining({ aesKey: 'current' }),
		]);
	});

	test('without the previous key, a message under the old key is refused', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'safe' } });
		const oldSide = new WeChatSimulator({
			...SAFE_ACCOUNT,
			encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
			mode: 'safe',
		});
		const answer = await postCallback(server.url, oldSide.push(textMessageXml('old key', '11')));
		expect(answer).toMatchObject({
			status: 400,
			body: 'Encrypt cannot be decrypted with the configured EncodingAESKey',
		});
		expect(server.executions).toHaveLength(0);
	});
});

describe('compatible mode', () => {
	test('trusts the encrypted copy, not the plaintext fields beside it', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'compatible' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'compatible' });
		const push = simulator.push(textMessageXml('genuine', '21'));
		const tampered = push.body.replace('<![CDATA[genuine]]>', '<![CDATA[forged]]>');
		expect(tampered).toContain('forged');
		await postCallback(server.url, push, { body: tampered });
		expect(only(server).json).toMatchObject({
			Content: 'genuine',
			callback: { encryption: 'compatible' },
		});
	});

	test('refuses a compatible-mode push whose Encrypt was removed', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'compatible' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'compatible' });
		const push = simulator.push(textMessageXml('genuine', '21'));
		const stripped = push.body.replace(/<Encrypt>.*<\/Encrypt>/, '');
		const answer = await postCallback(server.url, push, { body: stripped });
		expect(answer).toMatchObject({ status: 400, body: 'callback has no Encrypt field' });
		expect(server.executions).toHaveLength(0);
	});

	test('JSON data format in compatible mode', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'compatible' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'compatible', format: 'json' });
		const message = JSON.stringify({
			ToUserName: ACCOUNT_ID,
			FromUserName: FOLLOWER,
			CreateTime: 1714112445,
			MsgType: 'text',
			Content: 'json',
			MsgId: 1,
		}).replace('"MsgId":1', '"MsgId":23202806689943943');
		const answer = await postCallback(server.url, simulator.push(message));
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(only(server).json).toMatchObject({
			Content: 'json',
			MsgId: '23202806689943943',
			callback: { format: 'json' },
		});
	});
});

describe('credential problems', () => {
	test('an incomplete credential answers 500 without running or naming any secret', async () => {
		const server = await start({
			credential: {
				token: 'validToken1',
				encryptionMode: 'safe',
				appId: SAFE_ACCOUNT.appId,
				encodingAesKey: 'too-short',
			},
		});
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, token: 'validToken1', mode: 'safe' });
		const answer = await postCallback(server.url, simulator.push(textMessageXml('x', '1')));
		expect(answer).toMatchObject({ status: 500, body: 'WeChat Trigger credential is incomplete' });
		expect(server.executions).toHaveLength(0);
	});
});
