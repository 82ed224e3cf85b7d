/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- node:module; the keys are test fixtures */
import { createCipheriv, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

import type { CallbackConfig } from '../../nodes/WeChatTrigger/callback/config';
import { callbackConfigFrom } from '../../nodes/WeChatTrigger/callback/config';
import { openCallback } from '../../nodes/WeChatTrigger/callback/openCallback';
import { CallbackRejection } from '../../nodes/WeChatTrigger/callback/rejection';
import type { Answer } from './support/client';
import { getCallback, postCallback } from './support/client';
import { eventXml, massJobFinishXml, textMessageXml } from './support/payloads';
import type { SimulatedRequest } from './support/simulator';
import { WeChatSimulator } from './support/simulator';
import type { TriggerServer } from './support/webhookServer';
import { startTriggerServer } from './support/webhookServer';

const ACCOUNT = {
	token: 'm4liciousTokenX',
	encodingAesKey: 'SvFHi4TDuTqBkg0F6vUnJcCZxW1Ck9BmTKWdiSAb2FX',
	appId: 'wx9c0a7e5d3b1f2468',
};
const SECRETS = [ACCOUNT.token, ACCOUNT.encodingAesKey];
const safe = new WeChatSimulator({ ...ACCOUNT, mode: 'safe' });
const safeJson = new WeChatSimulator({ ...ACCOUNT, mode: 'safe', format: 'json' });
const stranger = new WeChatSimulator({ ...ACCOUNT, token: 'someOtherToken1', mode: 'safe' });

/** Encrypts a hand-made frame (AES-256-CBC, no automatic padding), as a forger with the key could. */
function seal(frame: Buffer, encodingAesKey = ACCOUNT.encodingAesKey): string {
	const key = Buffer.from(encodingAesKey + '=', 'base64');
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(frame), cipher.final()]).toString('base64');
}

function frame(
	message: string,
	appId = ACCOUNT.appId,
	declaredLength?: number,
	pad?: Buffer,
): Buffer {
	const body = Buffer.from(message);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(declaredLength ?? body.length);
	const content = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId)]);
	const padLength = 32 - (content.length % 32);
	return Buffer.concat([content, pad ?? Buffer.alloc(padLength, padLength)]);
}

/** A correctly signed safe-mode push whose Encrypt is whatever the forger chose. */
function signedEncrypt(encrypt: string, fields: { timestamp?: string } = {}): SimulatedRequest {
	const timestamp = fields.timestamp ?? String(Math.floor(Date.now() / 1000));
	const nonce = '18273645';
	return {
		query: {
			signature: safe.sign(ACCOUNT.token, timestamp, nonce),
			timestamp,
			nonce,
			encrypt_type: 'aes',
			msg_signature: safe.sign(ACCOUNT.token, timestamp, nonce, encrypt),
		},
		body: `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
		contentType: 'text/xml',
	};
}

/** A correctly signed plaintext push of any body. */
function signedPlain(
	body: string,
	contentType = 'text/xml',
	timestamp = String(Math.floor(Date.now() / 1000)),
) {
	const nonce = '99887766';
	return {
		query: { signature: safe.sign(ACCOUNT.token, timestamp, nonce), timestamp, nonce },
		body,
		contentType,
	};
}

const now = () => Math.floor(Date.now() / 1000);
const valid = () => safe.push(textMessageXml('valid', String(Date.now())));
const withQuery = (
	push: SimulatedRequest,
	change: Record<string, string | string[] | undefined>,
) => {
	const query: Record<string, string | string[]> = { ...push.query };
	for (const [key, value] of Object.entries(change)) {
		if (value === undefined) delete query[key];
		else query[key] = value;
	}
	return query;
};
const nest = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);

type Attack = () => Promise<Answer>;

/** n8n-core carries its own copies of @n8n/di and @n8n/backend-common; its contexts log through those. */
const loadFromN8nCore = createRequire(require.resolve('n8n-core'));
const fromN8nCore = (name: string) => loadFromN8nCore(name);
const n8nCoreContainer = () =>
	fromN8nCore('@n8n/di').Container as { set(type: unknown, value: unknown): void };
const n8nCoreLogger = () => fromN8nCore('@n8n/backend-common').Logger as unknown;

let safeServer: TriggerServer;
let plainServer: TriggerServer;
const logged: string[] = [];

beforeAll(async () => {
	const record = (message: string, meta?: object) => {
		logged.push(`${message} ${JSON.stringify(meta ?? {})}`);
	};
	const recorder = {
		debug: record,
		info: record,
		warn: record,
		error: record,
		scoped: () => recorder,
	};
	n8nCoreContainer().set(n8nCoreLogger(), recorder);
	safeServer = await startTriggerServer({
		credential: { ...ACCOUNT, encryptionMode: 'safe' },
		workflowId: 'malicious-safe',
	});
	plainServer = await startTriggerServer({
		credential: { token: ACCOUNT.token, encryptionMode: 'plaintext' },
		workflowId: 'malicious-plain',
	});
});

afterAll(async () => {
	await safeServer.close();
	await plainServer.close();
});

const post = (push: SimulatedRequest, overrides?: Parameters<typeof postCallback>[2]) =>
	postCallback(safeServer.url, push, overrides);

const attacks: Array<[string, number, Attack]> = [
	[
		'missing signature',
		400,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { signature: undefined }) });
		},
	],
	[
		'missing timestamp',
		400,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { timestamp: undefined }) });
		},
	],
	[
		'missing nonce',
		400,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { nonce: undefined }) });
		},
	],
	['no query string at all', 400, async () => await post(valid(), { query: {} })],
	[
		'signature given twice',
		400,
		async () => {
			const p = valid();
			return await post(p, {
				query: withQuery(p, { signature: [p.query.signature, p.query.signature] }),
			});
		},
	],
	[
		'forged signature',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { signature: randomBytes(20).toString('hex') }) });
		},
	],
	[
		'signature one character short',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { signature: p.query.signature.slice(1) }) });
		},
	],
	[
		'signature of 40 non-hex characters',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { signature: 'g'.repeat(40) }) });
		},
	],
	[
		'signature in full-width digits',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { signature: '１'.repeat(40) }) });
		},
	],
	[
		'signed with another Token',
		401,
		async () => await post(stranger.push(textMessageXml('x', '1'))),
	],
	[
		'stale timestamp, correctly signed',
		403,
		async () =>
			await post(safe.push(textMessageXml('old', '2'), { timestamp: String(now() - 301) })),
	],
	[
		'timestamp far in the future, correctly signed',
		403,
		async () =>
			await post(safe.push(textMessageXml('new', '3'), { timestamp: String(now() + 3600) })),
	],
	[
		'timestamp that is not a number',
		400,
		async () => await post(safe.push(textMessageXml('t', '4'), { timestamp: '17e8' })),
	],
	[
		'missing msg_signature',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { msg_signature: undefined }) });
		},
	],
	[
		'forged msg_signature',
		401,
		async () => {
			const p = valid();
			return await post(p, { query: withQuery(p, { msg_signature: 'a'.repeat(40) }) });
		},
	],
	[
		'Encrypt swapped for another message’s',
		401,
		async () => {
			const p = valid();
			const other = safe.push(textMessageXml('other', '5'));
			return await post(p, { body: other.body });
		},
	],
	[
		'Encrypt with one character changed',
		401,
		async () => {
			const p = valid();
			const i = p.body.indexOf('CDATA[', p.body.indexOf('<Encrypt>')) + 10;
			const flipped = p.body.slice(0, i) + (p.body[i] === 'A' ? 'B' : 'A') + p.body.slice(i + 1);
			return await post(p, { body: flipped });
		},
	],
	[
		'Encrypt that is not Base64, correctly signed',
		400,
		async () => await post(signedEncrypt('not*base64*at*all!')),
	],
	[
		'Encrypt without its Base64 padding, correctly signed',
		400,
		async () =>
			await post(
				signedEncrypt(seal(frame('<xml><MsgType>text</MsgType></xml>')).replace(/=+$/, '') + 'Q'),
			),
	],
	[
		'Encrypt with a line break inside, correctly signed',
		400,
		async () => {
			const e = seal(frame('<xml><MsgType>text</MsgType></xml>'));
			return await post(signedEncrypt(e.slice(0, 20) + '\n' + e.slice(20, -1)));
		},
	],
	[
		'Encrypt of half a block, correctly signed',
		400,
		async () => await post(signedEncrypt(randomBytes(16).toString('base64'))),
	],
	[
		'bad padding byte 0, correctly signed',
		400,
		async () => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			f[f.length - 1] = 0;
			return await post(signedEncrypt(seal(f)));
		},
	],
	[
		'bad padding byte 33, correctly signed',
		400,
		async () => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			f[f.length - 1] = 33;
			return await post(signedEncrypt(seal(f)));
		},
	],
	[
		'inconsistent padding bytes, correctly signed',
		400,
		async () => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			const n = f[f.length - 1];
			if (n > 1) f[f.length - 2] = n + 1;
			else f[f.length - 1] = 2;
			return await post(signedEncrypt(seal(f)));
		},
	],
	[
		'encrypted with a different EncodingAESKey',
		400,
		async () => await post(signedEncrypt(seal(frame(textMessageXml('k', '6')), 'B'.repeat(43)))),
	],
	[
		'encrypted for another AppID',
		403,
		async () =>
			await post(signedEncrypt(seal(frame(textMessageXml('a', '7'), 'wx0000000000000000')))),
	],
	[
		'frame declaring a longer message than it holds',
		400,
		async () => await post(signedEncrypt(seal(frame('<xml/>', ACCOUNT.appId, 4096)))),
	],
	[
		'decrypted message that is neither XML nor JSON',
		400,
		async () => await post(signedEncrypt(seal(frame('hello there')))),
	],
	[
		'decrypted message with a DOCTYPE and entity',
		400,
		async () =>
			await post(
				signedEncrypt(
					seal(
						frame(
							'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><MsgType>&e;</MsgType></xml>',
						),
					),
				),
			),
	],
	[
		'decrypted message without MsgType',
		400,
		async () => await post(signedEncrypt(seal(frame('<xml><Content>x</Content></xml>')))),
	],
	[
		'decrypted message with a __proto__ element',
		400,
		async () =>
			await post(
				signedEncrypt(
					seal(frame('<xml><MsgType>text</MsgType><__proto__><admin>1</admin></__proto__></xml>')),
				),
			),
	],
	[
		'decrypted JSON with a __proto__ key',
		400,
		async () =>
			await post(signedEncrypt(seal(frame('{"MsgType":"text","__proto__":{"admin":"1"}}')))),
	],
	[
		'plaintext body sent to a safe-mode trigger',
		400,
		async () => await post(signedPlain(textMessageXml('plain', '8'))),
	],
	['empty body', 400, async () => await post(signedPlain(''))],
	[
		'oversized body',
		400,
		async () => await post(signedPlain(`<xml><Encrypt>${'A'.repeat(300_000)}</Encrypt></xml>`)),
	],
	[
		'oversized body with a forged signature (the signature is judged first)',
		401,
		async () => {
			const p = signedPlain(`<xml><Encrypt>${'A'.repeat(300_000)}</Encrypt></xml>`);
			return await post(p, { query: withQuery(p, { signature: 'c'.repeat(40) }) });
		},
	],
	[
		'truncated XML envelope',
		400,
		async () => {
			const p = valid();
			return await post(p, { body: p.body.slice(0, p.body.length - 10) });
		},
	],
	[
		'deeply nested XML envelope',
		400,
		async () => await post(signedPlain(`<xml>${nest(5000)}</xml>`)),
	],
	[
		'XML envelope with 10,000 elements',
		400,
		async () => await post(signedPlain(`<xml>${'<A/>'.repeat(10_000)}</xml>`)),
	],
	[
		'billion-laughs DTD',
		400,
		async () =>
			await post(
				signedPlain(
					'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
				),
			),
	],
	[
		'external entity (XXE)',
		400,
		async () =>
			await post(
				signedPlain(
					'<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:1/">]><xml><Encrypt>&x;</Encrypt></xml>',
				),
			),
	],
	[
		'undeclared entity',
		400,
		async () => await post(signedPlain('<xml><Encrypt>&x;</Encrypt></xml>')),
	],
	[
		'malformed JSON body',
		400,
		async () => await post(signedPlain('{"Encrypt":', 'application/json')),
	],
	[
		'JSON envelope whose Encrypt is a number, without msg_signature',
		401,
		async () => await post(signedPlain('{"Encrypt":12345}', 'application/json')),
	],
	[
		'form-encoded body',
		400,
		async () => {
			const p = valid();
			return await post(p, { contentType: 'application/x-www-form-urlencoded' });
		},
	],
	[
		'multipart body',
		400,
		async () => {
			const p = valid();
			return await post(p, { contentType: 'multipart/form-data; boundary=x' });
		},
	],
	[
		'HTML content type',
		400,
		async () => {
			const p = valid();
			return await post(p, { contentType: 'text/html' });
		},
	],
	[
		'no content type',
		400,
		async () => {
			const p = valid();
			return await post(p, { contentType: null });
		},
	],
	[
		'binary garbage',
		400,
		async () =>
			await post(signedPlain(randomBytes(512).toString('latin1'), 'application/octet-stream')),
	],
	[
		'encrypted push to a plaintext-mode trigger',
		400,
		async () => await postCallback(plainServer.url, safe.push(textMessageXml('enc', '9'))),
	],
	[
		'verification without echostr',
		400,
		async () => {
			const q = safe.verification('x');
			delete (q as Record<string, string>).echostr;
			return await getCallback(safeServer.url, q);
		},
	],
	[
		'verification with a forged signature',
		401,
		async () =>
			await getCallback(safeServer.url, {
				...safe.verification('hello'),
				signature: 'f'.repeat(40),
			}),
	],
	[
		'verification with an oversized echostr',
		400,
		async () => await getCallback(safeServer.url, safe.verification('9'.repeat(4096))),
	],
	[
		'safe-mode JSON push with a forged msg_signature',
		401,
		async () => {
			const p = safeJson.push(JSON.stringify({ MsgType: 'text', MsgId: 1 }));
			return await post(p, { query: withQuery(p, { msg_signature: 'b'.repeat(40) }) });
		},
	],
];

describe('malicious and broken callbacks', () => {
	test(`covers at least 30 named attacks (${attacks.length})`, () => {
		expect(attacks.length).toBeGreaterThanOrEqual(30);
	});

	test.each(attacks)(
		'refuses %s with %i, a short reason and no run',
		async (_name, status, attack) => {
			const runsBefore = safeServer.executions.length + plainServer.executions.length;
			const callsBefore = safeServer.nodeCalls + plainServer.nodeCalls;
			const answer = await attack();

			expect(answer.status).toBe(status);
			expect(answer.contentType).toBe('text/plain; charset=utf-8');
			expect(answer.body.length).toBeGreaterThan(0);
			expect(answer.body.length).toBeLessThan(120);
			expect(answer.body).not.toBe('success');
			for (const secret of SECRETS) expect(answer.body).not.toContain(secret);
			expect(safeServer.nodeCalls + plainServer.nodeCalls).toBe(callsBefore + 1);
			expect(safeServer.executions.length + plainServer.executions.length).toBe(runsBefore);
		},
	);

	test('after all of that the trigger still accepts a genuine callback', async () => {
		const answer = await post(safe.push(massJobFinishXml(2, '424242')));
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(safeServer.executions).toHaveLength(1);
	});

	test('nothing logged carries the Token or the EncodingAESKey', () => {
		expect(logged.length).toBeGreaterThan(0);
		for (const line of logged) for (const secret of SECRETS) expect(line).not.toContain(secret);
	});
});

/** Deterministic pseudo-random numbers, so a failing fuzz case can be replayed. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function mutate(text: string, random: () => number): string {
	const bytes = Buffer.from(text);
	const at = Math.floor(random() * bytes.length);
	switch (Math.floor(random() * 6)) {
		case 0:
			bytes[at] ^= 1 << Math.floor(random() * 8);
			return bytes.toString('latin1');
		case 1:
			return text.slice(0, at);
		case 2:
			return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
		case 3:
			return (
				text.slice(0, at) +
				['<', '>', '&', ']]>', '<!DOCTYPE x>', '<![CDATA[', '\u0000', '"'][
					Math.floor(random() * 8)
				] +
				text.slice(at)
			);
		case 4:
			return (
				text.slice(0, at) +
				text.slice(at, at + 40).repeat(2 + Math.floor(random() * 4)) +
				text.slice(at + 40)
			);
		default:
			return text.replace(
				/<(\/?)(\w+)/,
				(_m, slash: string, name: string) => `<${slash}${name.toLowerCase()}`,
			);
	}
}

describe('fuzzing mutated genuine callbacks', () => {
	const seeds = [
		{ simulator: safe, message: massJobFinishXml(3, '77001') },
		{
			simulator: safeJson,
			message: JSON.stringify({
				ToUserName: 'gh_1',
				FromUserName: 'o1',
				CreateTime: 1,
				MsgType: 'text',
				Content: 'x',
				MsgId: 77002,
			}),
		},
		{
			simulator: new WeChatSimulator({ ...ACCOUNT, mode: 'compatible' }),
			message: eventXml('CLICK', '<EventKey><![CDATA[K]]></EventKey>', 77003),
		},
	];

	test('in process: 20,000 mutations of body and query give only refusals, never a crash', () => {
		const random = prng(20240426);
		const configs: CallbackConfig[] = [
			callbackConfigFrom({ ...ACCOUNT, encryptionMode: 'safe' }),
			callbackConfigFrom({ ...ACCOUNT, encryptionMode: 'compatible' }),
		];
		const deadline = Date.now() + 20_000;
		const crashes: string[] = [];
		let accepted = 0;
		let refused = 0;
		let count = 0;
		for (; count < 20_000 && Date.now() < deadline; count++) {
			const seed = seeds[count % seeds.length];
			const push = seed.simulator.push(seed.message);
			const query: Record<string, unknown> = { ...push.query };
			const keys = Object.keys(query);
			if (random() < 0.3) {
				const key = keys[Math.floor(random() * keys.length)];
				query[key] = mutate(String(query[key]), random);
			}
			const body = random() < 0.9 ? mutate(push.body, random) : push.body;
			try {
				openCallback(
					{ query, contentType: push.contentType, rawBody: Buffer.from(body, 'latin1') },
					configs[count % 2],
					{ timestampToleranceSeconds: 300, nowMs: Date.now() },
				);
				accepted++;
			} catch (error) {
				if (error instanceof CallbackRejection && [400, 401, 403].includes(error.status)) refused++;
				else crashes.push(`#${count}: ${String(error)}`);
			}
		}
		expect(crashes).toEqual([]);
		expect(count).toBeGreaterThan(1000);
		expect(refused).toBeGreaterThan(count * 0.5);
		expect(accepted + refused).toBe(count);
	});

	test('over HTTP: 400 mutated retries of delivered callbacks start no second run and no 5xx', async () => {
		const server = await startTriggerServer({
			credential: { ...ACCOUNT, encryptionMode: 'compatible' },
			workflowId: 'fuzz-http',
		});
		const compatibleSeeds = [
			{
				simulator: new WeChatSimulator({ ...ACCOUNT, mode: 'compatible' }),
				message: massJobFinishXml(2, '88001'),
			},
			{
				simulator: new WeChatSimulator({ ...ACCOUNT, mode: 'safe' }),
				message: textMessageXml('fuzz', '88002'),
			},
			{
				simulator: new WeChatSimulator({ ...ACCOUNT, mode: 'safe', format: 'json' }),
				message: '{"FromUserName":"o","CreateTime":5,"MsgType":"event","Event":"VIEW"}',
			},
		];
		try {
			const pushes = compatibleSeeds.map((seed) => seed.simulator.push(seed.message));
			for (const push of pushes)
				expect((await postCallback(server.url, push)).body).toBe('success');
			const delivered = server.executions.length;
			expect(delivered).toBe(3);

			const random = prng(7);
			const statuses = new Map<number, number>();
			const deadline = Date.now() + 30_000;
			for (let i = 0; i < 400 && Date.now() < deadline; i++) {
				const push = pushes[i % pushes.length];
				const answer = await postCallback(server.url, push, {
					body: Buffer.from(mutate(push.body, random), 'latin1'),
				});
				statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
				expect([200, 400, 401, 403]).toContain(answer.status);
				if (answer.status === 200) expect(answer.body).toBe('success');
			}
			expect(server.executions.length).toBe(delivered);
			const sent = [...statuses.values()].reduce((sum, n) => sum + n, 0);
			expect(sent).toBeGreaterThan(50);
			expect((statuses.get(400) ?? 0) + (statuses.get(401) ?? 0)).toBeGreaterThan(sent / 4);
		} finally {
			await server.close();
		}
	});
});
