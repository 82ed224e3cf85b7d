import { createHash } from 'node:crypto';

import { issuerKeyOf } from '../../nodes/shared/token/tokenBroker';
import type { RequestLogEntry } from '../fake-wechat';
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
	UPLOAD_PATH,
	uploadImage,
} from './support';

let world: World | undefined;

afterEach(async () => {
	await stopWorld(world);
	world = undefined;
});

function errcodeOf(entry: RequestLogEntry): number {
	return Number((entry.response as { errcode?: number }).errcode ?? 0);
}

/** The business requests of the last execution, as (token, errcode) pairs. */
function attempts(entries: RequestLogEntry[]): Array<[string | undefined, number]> {
	return entries.map((entry) => [entry.token, errcodeOf(entry)]);
}

describe('recovering from token errors of business calls', () => {
	test('42001 (the token expired at WeChat before its recorded expiry): one resend with a fresh token, persisted', async () => {
		world = await startWorld();
		const first = String(outputJson(await getToken(world)).accessToken);
		world.account.expireStableToken();
		world.fake.clearLog();
		const updatesBefore = world.creds.updates;

		const output = outputJson(await getToken(world));
		const fresh = world.account.currentStableToken();

		expect(fresh).not.toBe(first);
		expect(attempts(probeRequests(world))).toEqual([
			[first, 42001],
			[fresh, 0],
		]);
		expect(
			tokenRequests(world).map((entry) => (entry.json as { force_refresh: boolean }).force_refresh),
		).toEqual([false]);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
		expect(output.accessToken).toBe(fresh);
		expect(stored(world).accessToken).toBe(fresh);
		expect(world.creds.updates).toBe(updatesBefore + 1);
	});

	test('40001 (a third party force-refreshed the token): one resend with the token normal mode now returns', async () => {
		world = await startWorld();
		const first = String(outputJson(await getToken(world)).accessToken);
		const rotated = world.account.rotateStableToken();
		world.fake.clearLog();

		const output = outputJson(await getToken(world));

		expect(attempts(probeRequests(world))).toEqual([
			[first, 40001],
			[rotated, 0],
		]);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
		expect(output.accessToken).toBe(rotated);
		expect(stored(world).accessToken).toBe(rotated);
	});

	test('40014 (a stored token WeChat never issued): one resend with a fetched token, persisted', async () => {
		const garbage = 'not-a-wechat-token-0123456789';
		world = await startWorld({
			stored: {
				accessToken: garbage,
				expiresAt: Date.now() + 3600_000,
				issuedFor: '',
			},
		});
		world.fake.clearLog();

		const output = outputJson(await getToken(world));
		const fresh = world.account.currentStableToken();

		expect(attempts(probeRequests(world))).toEqual([
			[garbage, 40014],
			[fresh, 0],
		]);
		expect(counters(world)).toEqual({ calls: 1, forced: 0 });
		expect(output.accessToken).toBe(fresh);
		expect(stored(world).accessToken).toBe(fresh);
		expect(stored(world).issuedFor).toBe(
			issuerKeyOf({ baseUrl: world.fake.url, appId: APP_ID, appSecret: APP_SECRET }),
		);
	});

	test('a token rotated by another system between two executions: both succeed with at most one extra fetch', async () => {
		world = await startWorld();
		outputJson(await getToken(world));
		const callsBefore = counters(world).calls;
		const rotated = world.account.rotateStableToken();

		const second = outputJson(await getToken(world));
		const third = outputJson(await getToken(world));

		expect(second.accessToken).toBe(rotated);
		expect(third.accessToken).toBe(rotated);
		expect(counters(world).calls - callsBefore).toBeLessThanOrEqual(1);
		expect(counters(world).forced).toBe(0);
	});

	test('a rotation seen by fifty concurrent executions costs one fetch and fails none', async () => {
		world = await startWorld();
		outputJson(await getToken(world));
		const rotated = world.account.rotateStableToken();
		world.fake.setLatency(20);

		const runs = await Promise.all(Array.from({ length: 50 }, async () => await getToken(world!)));

		for (const run of runs) expect(outputJson(run).accessToken).toBe(rotated);
		expect(counters(world)).toEqual({ calls: 2, forced: 0 });
		expect(probeRequests(world).filter((entry) => errcodeOf(entry) !== 0)).toHaveLength(50);
	});

	test('an upload that meets 42001 is resent with a rebuilt multipart body carrying the same bytes', async () => {
		world = await startWorld();
		const bytes = Buffer.concat([
			Buffer.from('89504e470d0a1a0a', 'hex'),
			Buffer.from('fake image payload for the resend test '.repeat(40)),
		]);
		const digest = createHash('sha256').update(bytes).digest('hex');
		outputJson(await getToken(world));
		world.account.expireStableToken();

		const output = outputJson(await uploadImage(world, bytes));

		const uploads = world.fake.requestsTo(UPLOAD_PATH);
		expect(attempts(uploads).map(([, errcode]) => errcode)).toEqual([42001, 0]);
		for (const upload of uploads) {
			expect(upload.multipart?.files).toEqual([
				expect.objectContaining({
					name: 'media',
					filename: 'cover.png',
					size: bytes.length,
					sha256: digest,
				}),
			]);
		}
		// A fresh boundary shows the body was built again rather than a consumed one replayed.
		expect(uploads[0].rawBody.equals(uploads[1].rawBody)).toBe(false);
		expect(uploads[1].token).toBe(world.account.currentStableToken());
		expect(output.mediaId).toEqual(expect.any(String));
		expect(world.account.media.get(String(output.mediaId))?.sha256).toBe(digest);
	});
});

describe("n8n's own 401 refresh path", () => {
	test('an HTTP 401 (from a proxy; WeChat answers errors with HTTP 200) gives a clear error without a retry loop', async () => {
		world = await startWorld();
		outputJson(await getToken(world));
		world.fake.inject({
			path: '/cgi-bin/get_api_domain_ip',
			action: { type: 'httpStatus', status: 401, body: 'Unauthorized' },
		});
		world.fake.clearLog();

		const run = await getToken(world);

		expect(run.error).toBeDefined();
		expect(run.error?.message).toContain('Getting the access token failed');
		expect(run.error?.description).toContain('HTTP 401');
		expect(probeRequests(world)).toHaveLength(1);
		expect(counters(world)).toEqual({ calls: 1, forced: 0 });
	});
});
