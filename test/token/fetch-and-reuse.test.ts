/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
import { issuerKeyOf, resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import type { World } from './support';
import {
	APP_ID,
	APP_SECRET,
	counters,
	getToken,
	outputJson,
	probeRequests,
	startWorld,
	stopWorld,
	stored,
	tokenRequests,
} from './support';

let world: World | undefined;

afterEach(async () => {
	await stopWorld(world);
	world = undefined;
});

describe('fetching and reusing the access token', () => {
	test('the first fetch is a JSON POST to /cgi-bin/stable_token in normal mode, with the secret only in the body', async () => {
		world = await startWorld();
		const before = Date.now();
		const run = await getToken(world);
		outputJson(run);

		const [fetch, ...more] = tokenRequests(world);
		expect(more).toHaveLength(0);
		expect(fetch.method).toBe('POST');
		expect(fetch.json).toEqual({
			grant_type: 'client_credential',
			appid: APP_ID,
			secret: APP_SECRET,
			force_refresh: false,
		});
		expect(Object.keys(fetch.query)).toEqual([]);
		for (const entry of world.fake.log) {
			expect(JSON.stringify(entry.query)).not.toContain(APP_SECRET);
		}
		expect(counters(world)).toEqual({ calls: 1, forced: 0 });

		const token = world.account.currentStableToken();
		const credential = stored(world);
		expect(credential.accessToken).toBe(token);
		expect(credential.issuedFor).toBe(
			issuerKeyOf({ baseUrl: world.fake.url, appId: APP_ID, appSecret: APP_SECRET }),
		);
		expect(String(credential.issuedFor)).not.toContain(APP_SECRET);
		const expiresAt = Number(credential.expiresAt);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 7199_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7200_000);
		expect(world.creds.updates).toBe(1);

		const [probe] = probeRequests(world);
		expect(probe.token).toBe(token);
	});

	test('ten sequential executions share one fetch and one credential write', async () => {
		world = await startWorld();
		const seen = new Set<unknown>();
		for (let i = 0; i < 10; i++) seen.add(outputJson(await getToken(world)).accessToken);

		expect(counters(world)).toEqual({ calls: 1, forced: 0 });
		expect(seen.size).toBe(1);
		expect(world.creds.updates).toBe(1);
		expect(probeRequests(world)).toHaveLength(10);
	});

	test('a token persisted by another process is used without a fetch of our own', async () => {
		world = await startWorld();
		outputJson(await getToken(world));
		resetTokenMemory();

		outputJson(await getToken(world));
		expect(counters(world).calls).toBe(1);
	});

	test('fifty concurrent executions with an empty stored token share one fetch', async () => {
		world = await startWorld();
		world.fake.setLatency(50);
		const runs = await Promise.all(Array.from({ length: 50 }, async () => await getToken(world!)));

		const tokens = new Set(runs.map((run) => outputJson(run).accessToken));
		expect(tokens.size).toBe(1);
		expect(counters(world)).toEqual({ calls: 1, forced: 0 });
		expect(probeRequests(world).every((entry) => entry.response !== undefined)).toBe(true);
		expect(
			probeRequests(world).map((entry) => (entry.response as { errcode?: number }).errcode),
		).toEqual(Array(50).fill(undefined));
		expect(stored(world).accessToken).toBe(world.account.currentStableToken());
	});

	test('changing the AppID and AppSecret of the credential fetches a token for the new account', async () => {
		world = await startWorld();
		const first = outputJson(await getToken(world)).accessToken;
		const other = world.fake.addAccount({
			appId: 'wx7a1c0ffee0000002',
			appSecret: 'OTHERsecret-4f1e9a7c',
		});

		world.creds.put(world.credentialId, 'wechatOfficialAccountApi', {
			...stored(world),
			appId: other.appId,
			appSecret: other.appSecret,
		});
		const second = outputJson(await getToken(world)).accessToken;

		expect(other.stableTokenCalls).toBe(1);
		expect(second).toBe(other.currentStableToken());
		expect(second).not.toBe(first);
		const [probe] = probeRequests(world).slice(-1);
		expect(probe.token).toBe(second);
		expect(probe.appId).toBe(other.appId);
		expect(stored(world).issuedFor).toBe(
			issuerKeyOf({ baseUrl: world.fake.url, appId: other.appId, appSecret: other.appSecret }),
		);
	});

	test('changing only the AppSecret (after a reset in the console) fetches a new token', async () => {
		world = await startWorld();
		outputJson(await getToken(world));
		world.account.appSecret = 'RESETsecret-77c1d2e3f4';
		world.creds.put(world.credentialId, 'wechatOfficialAccountApi', {
			...stored(world),
			appSecret: 'RESETsecret-77c1d2e3f4',
		});

		outputJson(await getToken(world));
		const fetches = tokenRequests(world);
		expect(fetches).toHaveLength(2);
		expect((fetches[1].json as { secret: string }).secret).toBe('RESETsecret-77c1d2e3f4');
	});
});
