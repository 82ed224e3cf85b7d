import type { CallbackConfig } from '../../nodes/WeChatTrigger/callback/config';
import { callbackConfigFrom } from '../../nodes/WeChatTrigger/callback/config';
import { openCallback } from '../../nodes/WeChatTrigger/callback/openCallback';
import { CallbackRejection } from '../../nodes/WeChatTrigger/callback/rejection';
import { postCallback } from './support/client';
import { ACCOUNT, safe, safeJson } from './support/forgery';
import { mutate, prng } from './support/mutation';
import { eventXml, massJobFinishXml, textMessageXml } from './support/payloads';
import { WeChatSimulator } from './support/simulator';
import { startTriggerServer } from './support/webhookServer';

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
