/* eslint-disable @typescript-eslint/no-require-imports */
import type {
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ICredentialType,
} from 'n8n-workflow';
import { request } from 'undici';

import type { World } from './support';
import {
	CREDENTIAL_TYPE,
	counters,
	getToken,
	outputJson,
	startWorld,
	stopWorld,
	stored,
} from './support';

let world: World | undefined;

afterEach(async () => {
	await stopWorld(world);
	world = undefined;
});

/**
 * The credential type as a second n8n process (a queue-mode worker) has it: its own copy of the
 * token broker module, so its own in-memory memo, but the same credential database.
 */
function credentialTypeOfAnotherProcess(): ICredentialType {
	let type: ICredentialType | undefined;
	jest.isolateModules(() => {
		const module = require('../../credentials/WeChatOfficialAccountApi.credentials') as {
			WeChatOfficialAccountApi: new () => ICredentialType;
		};
		type = new module.WeChatOfficialAccountApi();
	});
	return type as ICredentialType;
}

async function asProcess<T>(
	world: World,
	type: ICredentialType,
	run: () => Promise<T>,
): Promise<T> {
	const own = world.creds.types.get(CREDENTIAL_TYPE) as ICredentialType;
	world.creds.types.set(CREDENTIAL_TYPE, type);
	try {
		return await run();
	} finally {
		world.creds.types.set(CREDENTIAL_TYPE, own);
	}
}

/** n8n's helpers.httpRequest as preAuthentication uses it: POST a body, answer the raw bytes. */
const httpHelper: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (options: IHttpRequestOptions) => {
			const answer = await request(options.url, {
				method: options.method ?? 'GET',
				headers: options.headers as Record<string, string>,
				body: options.body as string,
			});
			return Buffer.from(await answer.body.arrayBuffer());
		},
	},
} as unknown as IHttpRequestHelper;

describe('several n8n processes sharing one credential', () => {
	test('a second process reuses the token the first one stored, without a fetch', async () => {
		world = await startWorld();
		const workerB = credentialTypeOfAnotherProcess();
		const first = outputJson(await getToken(world)).accessToken;

		const second = outputJson(await asProcess(world, workerB, async () => await getToken(world!)));

		expect(second.accessToken).toBe(first);
		expect(counters(world).calls).toBe(1);
	});

	test('a rotation is recovered by each process with one normal-mode fetch at most', async () => {
		world = await startWorld();
		const workerB = credentialTypeOfAnotherProcess();
		outputJson(await getToken(world));
		outputJson(await asProcess(world, workerB, async () => await getToken(world!)));
		const rotated = world.account.rotateStableToken();

		const b = outputJson(await asProcess(world, workerB, async () => await getToken(world!)));
		const a = outputJson(await getToken(world));

		expect(b.accessToken).toBe(rotated);
		expect(a.accessToken).toBe(rotated);
		expect(counters(world).calls).toBeLessThanOrEqual(3);
		expect(counters(world).forced).toBe(0);
	});

	// Regression tests: a memo may be older than the token a caller holds (another process stored
	// a newer one), so it is reused only for tokens it is known to replace; otherwise a dead token
	// would be resent and written back over the newer one in the store.
	test(
		'a process whose memory holds an older token than the store recovers after a second rotation',
		async () => {
			world = await startWorld();
			const workerB = credentialTypeOfAnotherProcess();
			const t1 = outputJson(await getToken(world)).accessToken;
			world.account.rotateStableToken();
			const t2 = outputJson(
				await asProcess(world, workerB, async () => await getToken(world!)),
			).accessToken;
			expect(stored(world).accessToken).toBe(t2);
			const t3 = world.account.rotateStableToken();

			const run = await getToken(world);

			expect(run.error?.message).toBeUndefined();
			expect(outputJson(run).accessToken).toBe(t3);
			expect(stored(world).accessToken).toBe(t3);
			expect(stored(world).accessToken).not.toBe(t1);
		},
	);

	// Same bug seen from the credential's Test button: n8n runs preAuthentication with the stored
	// credential, and the broker answers from a memo older than the stored token.
	test(
		'a credential test in a process with an older token in memory returns the current token',
		async () => {
			world = await startWorld();
			const workerB = credentialTypeOfAnotherProcess();
			outputJson(await getToken(world));
			world.account.rotateStableToken();
			outputJson(await asProcess(world, workerB, async () => await getToken(world!)));
			const t3 = world.account.rotateStableToken();
			const ownType = world.creds.types.get(CREDENTIAL_TYPE) as ICredentialType;

			const grant = (await ownType.preAuthentication!.call(
				httpHelper,
				stored(world),
			)) as IDataObject;

			expect(grant.accessToken).toBe(t3);
		},
	);
});
