import { resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import type { RequestLogEntry } from '../fake-wechat';
import type { World } from './support';
import {
	controlDate,
	counters,
	getToken,
	injectTokenError,
	outputJson,
	probeRequests,
	startWorld,
	stopWorld,
	stored,
	tokenRequests,
	travel,
} from './support';

let world: World | undefined;

afterEach(async () => {
	jest.useRealTimers();
	await stopWorld(world);
	world = undefined;
});

function modes(entries: RequestLogEntry[]): string[] {
	return entries.map((entry) =>
		(entry.json as { force_refresh?: boolean }).force_refresh ? 'force' : 'normal',
	);
}

function loggedForces(world: World): number[] {
	const log = String(stored(world).forcedRefreshLog ?? '');
	return log ? log.split(',').map(Number) : [];
}

/** WeChat refuses `token` on the next business call although normal mode still hands it out. */
function refuseOnce(world: World, token: string): void {
	injectTokenError(world, 40001, 1, (entry) => entry.token === token);
}

async function firstToken(world: World): Promise<string> {
	return String(outputJson(await getToken(world)).accessToken);
}

describe('forced refresh of the stable token', () => {
	test('only a token that WeChat refuses while normal mode still returns it is force-refreshed, once', async () => {
		world = await startWorld();
		const first = await firstToken(world);
		refuseOnce(world, first);
		world.fake.clearLog();

		const output = outputJson(await getToken(world));
		const forced = world.account.currentStableToken();

		expect(forced).not.toBe(first);
		expect(modes(tokenRequests(world))).toEqual(['normal', 'force']);
		expect(counters(world).forced).toBe(1);
		expect(probeRequests(world).map((entry) => entry.token)).toEqual([first, forced]);
		expect(output.accessToken).toBe(forced);
		expect(stored(world).accessToken).toBe(forced);
		expect(loggedForces(world)).toHaveLength(1);
		expect(Math.abs(loggedForces(world)[0] - Date.now())).toBeLessThan(5000);
	});

	test('a second refusal within 30 s of a forced refresh stops with a clear error instead of forcing again', async () => {
		world = await startWorld();
		refuseOnce(world, await firstToken(world));
		outputJson(await getToken(world));
		const forcedToken = world.account.currentStableToken();
		refuseOnce(world, forcedToken);
		world.fake.clearLog();

		const run = await getToken(world);

		expect(run.error?.message).toContain('less than 30 seconds ago');
		expect(run.error?.description).toContain('only one system manages');
		expect(counters(world).forced).toBe(1);
		expect(probeRequests(world).length).toBeLessThanOrEqual(2);
		expect(modes(tokenRequests(world))).toEqual(['normal']);
		expect(stored(world).accessToken).toBe(forcedToken);
	});

	test('the 30 s spacing also holds for a forced refresh another n8n process recorded in the credential', async () => {
		world = await startWorld();
		refuseOnce(world, await firstToken(world));
		outputJson(await getToken(world));
		resetTokenMemory();
		refuseOnce(world, world.account.currentStableToken());

		const run = await getToken(world);

		expect(run.error?.message).toContain('less than 30 seconds ago');
		expect(counters(world).forced).toBe(1);
	});

	test('when WeChat refuses even the force-refreshed token, the business request has been sent twice and no more', async () => {
		world = await startWorld();
		await firstToken(world);
		injectTokenError(world, 40001, 10);
		world.fake.clearLog();

		const run = await getToken(world);

		expect(run.error?.message).toContain('WeChat error 40001');
		expect(run.error?.message).toContain('Getting the access token failed');
		expect(probeRequests(world)).toHaveLength(2);
		expect(counters(world).forced).toBe(1);
	});

	test('fifty concurrent executions refused on the same live token share one forced refresh', async () => {
		world = await startWorld();
		const first = await firstToken(world);
		injectTokenError(world, 40001, 1000, (entry) => entry.token === first);
		world.fake.setLatency(20);

		const runs = await Promise.all(Array.from({ length: 50 }, async () => await getToken(world!)));

		const forced = world.account.currentStableToken();
		const failures = runs.filter((run) => run.error).map((run) => run.error?.message);
		expect(failures).toEqual([]);
		for (const run of runs) expect(outputJson(run).accessToken).toBe(forced);
		expect(counters(world).forced).toBe(1);
	});

	test('after 30 s a new refusal may force again, and the credential keeps the log of both', async () => {
		controlDate();
		world = await startWorld();
		refuseOnce(world, await firstToken(world));
		outputJson(await getToken(world));
		travel(31_000);
		refuseOnce(world, world.account.currentStableToken());

		outputJson(await getToken(world));

		expect(counters(world).forced).toBe(2);
		const log = loggedForces(world);
		expect(log).toHaveLength(2);
		expect(log[1] - log[0]).toBeGreaterThanOrEqual(31_000);
	});

	test('after 20 forced refreshes in 24 h the next refusal gives a clear error, and the cap lifts a day later', async () => {
		controlDate();
		world = await startWorld();
		await firstToken(world);
		for (let i = 0; i < 20; i++) {
			travel(31_000);
			refuseOnce(world, world.account.currentStableToken());
			outputJson(await getToken(world));
		}
		expect(counters(world).forced).toBe(20);
		expect(loggedForces(world)).toHaveLength(20);

		travel(31_000);
		refuseOnce(world, world.account.currentStableToken());
		world.fake.clearLog();
		const capped = await getToken(world);

		expect(capped.error?.message).toContain('20 forced refreshes of today are used up');
		expect(capped.error?.description).toContain('Another system is invalidating the token');
		expect(counters(world).forced).toBe(20);
		expect(probeRequests(world).length).toBeLessThanOrEqual(2);

		travel(86_400_000);
		refuseOnce(world, world.account.currentStableToken());
		outputJson(await getToken(world));
		expect(counters(world).forced).toBe(21);
		expect(loggedForces(world)).toHaveLength(1);
	});
});
