/* eslint-disable @n8n/community-nodes/no-restricted-imports -- node:module reaches n8n-core's own logger */
import { createRequire } from 'node:module';

import { getCallback, postCallback } from './support/client';
import { BODY_ATTACKS } from './support/attacks/bodyAttacks';
import { SIGNATURE_ATTACKS } from './support/attacks/signatureAttacks';
import type { AttackTargets } from './support/forgery';
import { ACCOUNT, safe, SECRETS } from './support/forgery';
import { massJobFinishXml } from './support/payloads';
import type { TriggerServer } from './support/webhookServer';
import { startTriggerServer } from './support/webhookServer';

/** n8n-core carries its own copies of @n8n/di and @n8n/backend-common; its contexts log through those. */
const loadFromN8nCore = createRequire(require.resolve('n8n-core'));
const n8nCoreContainer = () =>
	loadFromN8nCore('@n8n/di').Container as { set(type: unknown, value: unknown): void };
const n8nCoreLogger = () => loadFromN8nCore('@n8n/backend-common').Logger as unknown;

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

const target: AttackTargets = {
	post: async (push, overrides) => await postCallback(safeServer.url, push, overrides),
	postPlain: async (push) => await postCallback(plainServer.url, push),
	get: async (query) => await getCallback(safeServer.url, query),
};

const runs = () => safeServer.executions.length + plainServer.executions.length;
const calls = () => safeServer.nodeCalls + plainServer.nodeCalls;

describe('malicious and broken callbacks', () => {
	test(`names at least 30 attacks (${SIGNATURE_ATTACKS.length + BODY_ATTACKS.length})`, () => {
		expect(SIGNATURE_ATTACKS.length + BODY_ATTACKS.length).toBeGreaterThanOrEqual(30);
	});

	test.each([...SIGNATURE_ATTACKS, ...BODY_ATTACKS])(
		'refuses %s with %i, a short reason and no run',
		async (_name, status, attack) => {
			const runsBefore = runs();
			const callsBefore = calls();
			const answer = await attack(target);

			expect(answer.status).toBe(status);
			expect(answer.contentType).toBe('text/plain; charset=utf-8');
			expect(answer.body.length).toBeGreaterThan(0);
			expect(answer.body.length).toBeLessThan(120);
			expect(answer.body).not.toBe('success');
			for (const secret of SECRETS) expect(answer.body).not.toContain(secret);
			expect(calls()).toBe(callsBefore + 1);
			expect(runs()).toBe(runsBefore);
		},
	);

	test('after all of that the trigger still accepts a genuine callback', async () => {
		const answer = await target.post(safe.push(massJobFinishXml(2, '424242')));
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(safeServer.executions).toHaveLength(1);
	});

	test('nothing logged carries the Token or the EncodingAESKey', () => {
		expect(logged.length).toBeGreaterThan(0);
		for (const line of logged) for (const secret of SECRETS) expect(line).not.toContain(secret);
	});
});
