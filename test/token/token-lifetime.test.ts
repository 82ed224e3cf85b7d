import { resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import type { RequestLogEntry } from '../fake-wechat';
import type { World } from './support';
import {
	controlDate,
	counters,
	getToken,
	isoOf,
	outputJson,
	probeRequests,
	startWorld,
	stopWorld,
	stored,
	travel,
} from './support';

let world: World | undefined;

afterEach(async () => {
	jest.useRealTimers();
	await stopWorld(world);
	world = undefined;
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function tokensSent(entries: RequestLogEntry[]): Array<string | undefined> {
	return entries.map((entry) => entry.token);
}

describe('Get Access Token', () => {
	test('outputs the token WeChat accepted, its expiry as an ISO time and the seconds left', async () => {
		world = await startWorld();
		const output = outputJson(await getToken(world));

		expect(output.accessToken).toBe(world.account.currentStableToken());
		expect(output.expiresAt).toMatch(ISO);
		expect(output.expiresAt).toBe(isoOf(Number(stored(world).expiresAt)));
		expect(Date.parse(String(output.expiresAt)) - Date.now()).toBeGreaterThan(7190_000);
		expect(output.expiresIn).toBeGreaterThanOrEqual(7190);
		expect(output.expiresIn).toBeLessThanOrEqual(7200);
		expect(tokensSent(probeRequests(world))).toEqual([output.accessToken]);
	});

	test('outputs one item per input item, all with the same token and one fetch', async () => {
		world = await startWorld();
		const run = await getToken(world, [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }]);

		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(new Set(run.output.map((item) => item.json.accessToken)).size).toBe(1);
		expect(counters(world).calls).toBe(1);
	});

	test('after the token lifetime it outputs a fresh token, fetched before any call is refused', async () => {
		controlDate();
		world = await startWorld();
		const first = outputJson(await getToken(world));
		travel(7201_000);
		world.fake.clearLog();

		const second = outputJson(await getToken(world));

		expect(second.accessToken).not.toBe(first.accessToken);
		expect(second.accessToken).toBe(world.account.currentStableToken());
		expect(tokensSent(probeRequests(world))).toEqual([second.accessToken]);
		expect(
			Date.parse(String(second.expiresAt)) - Date.parse(String(first.expiresAt)),
		).toBeGreaterThanOrEqual(7200_000);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
	});
});

describe('refreshing ahead of expiry', () => {
	test('a stored token with less than 240 s left is replaced before the business call', async () => {
		controlDate();
		world = await startWorld();
		const first = outputJson(await getToken(world)).accessToken;
		travel(7200_000 - 200_000);
		world.fake.clearLog();

		const output = outputJson(await getToken(world));

		expect(output.accessToken).not.toBe(first);
		expect(tokensSent(probeRequests(world))).toEqual([output.accessToken]);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
		expect(stored(world).accessToken).toBe(output.accessToken);
		expect(Number(stored(world).expiresAt) - Date.now()).toBeGreaterThan(7190_000);
	});

	test('a stored token with more than 240 s left is used as it is', async () => {
		controlDate();
		world = await startWorld();
		const first = outputJson(await getToken(world)).accessToken;
		travel(7200_000 - 280_000);

		const output = outputJson(await getToken(world));

		expect(output.accessToken).toBe(first);
		expect(counters(world).calls).toBe(1);
	});

	test('a near expiry recorded in the store makes a fresh process ask WeChat, which corrects it', async () => {
		world = await startWorld();
		const first = outputJson(await getToken(world)).accessToken;
		resetTokenMemory();
		world.creds.put(world.credentialId, 'wechatOfficialAccountApi', {
			...stored(world),
			expiresAt: Date.now() + 100_000,
		});

		const output = outputJson(await getToken(world));

		// WeChat still hands out the same stable token while more than 300 s remain.
		expect(output.accessToken).toBe(first);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
		expect(Number(stored(world).expiresAt) - Date.now()).toBeGreaterThan(7190_000);
	});
});
