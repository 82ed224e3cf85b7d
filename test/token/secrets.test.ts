/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
import type { NodeRun } from '../harness/runWorkflow';
import type { CapturingLogger, World, WorldOptions } from './support';
import {
	allStrings,
	APP_SECRET,
	captureLogs,
	getToken,
	injectTokenError,
	leaks,
	outputJson,
	PROBE_PATH,
	startWorld,
	stopWorld,
	stored,
	TOKEN_PATH,
	uploadImage,
} from './support';

/** Distinctive values that must never leave the credential store. */
const STORED_TOKEN = 'TOKENdistinct-7Hq2Wm9Xr4Lp8Zc3Vn6Bt1';
const WRONG_SECRET = 'WRONGsecretDistinct-5Kd8Jf2Qa9';

let world: World | undefined;
let logger: CapturingLogger;

beforeAll(() => {
	logger = captureLogs();
});

afterEach(async () => {
	await stopWorld(world);
	world = undefined;
});

/** Every token this test's fake handed out or was made to hand out, plus the fixed secrets. */
function secretsOf(world: World, extra: string[] = []): string[] {
	const issued = world.fake
		.requestsTo(TOKEN_PATH)
		.map((entry) => (entry.response as { access_token?: string }).access_token)
		.filter((token): token is string => typeof token === 'string');
	return [
		APP_SECRET,
		WRONG_SECRET,
		STORED_TOKEN,
		world.account.currentStableToken(),
		...issued,
		...extra,
	];
}

interface Scenario {
	name: string;
	options?: WorldOptions;
	/** How many of the runs end in an error, so a scenario cannot silently miss its path. */
	failures: number;
	/** Runs the scenario; returns the runs to inspect and any extra secrets it created. */
	act: (world: World) => Promise<{ runs: NodeRun[]; extra?: string[] }>;
}

const storedGarbage: WorldOptions = {
	stored: { accessToken: STORED_TOKEN, expiresAt: Date.now() + 3600_000, issuedFor: '' },
};

const SCENARIOS: Scenario[] = [
	{
		name: 'a stored token WeChat refuses (40014), recovered',
		failures: 0,
		options: storedGarbage,
		act: async (world) => ({ runs: [await getToken(world)] }),
	},
	{
		name: 'an expired token (42001), recovered',
		failures: 0,
		act: async (world) => {
			const first = await getToken(world);
			world.account.expireStableToken();
			return { runs: [first, await getToken(world)] };
		},
	},
	{
		name: 'a rotated token (40001), recovered',
		failures: 0,
		act: async (world) => {
			const first = await getToken(world);
			const rotated = world.account.rotateStableToken();
			return { runs: [first, await getToken(world)], extra: [rotated] };
		},
	},
	{
		name: 'a forced refresh, then the 30 s spacing error',
		failures: 1,
		act: async (world) => {
			const first = await getToken(world);
			injectTokenError(world, 40001, 1);
			const forced = await getToken(world);
			injectTokenError(world, 40001, 1);
			return { runs: [first, forced, await getToken(world)] };
		},
	},
	{
		name: 'a wrong AppSecret (40125)',
		failures: 1,
		options: { stored: { appSecret: WRONG_SECRET } },
		act: async (world) => ({ runs: [await getToken(world)] }),
	},
	{
		name: 'an IP outside the whitelist (40164)',
		failures: 1,
		options: { ipWhitelist: ['203.0.113.7'] },
		act: async (world) => ({ runs: [await getToken(world)] }),
	},
	{
		name: 'a business error whose errmsg echoes the request URL',
		failures: 1,
		act: async (world) => {
			const first = await getToken(world);
			const token = world.account.currentStableToken();
			world.fake.inject({
				path: PROBE_PATH,
				action: {
					type: 'errcode',
					errcode: 48001,
					errmsg: `api unauthorized for ${PROBE_PATH}?access_token=${token}&secret=${APP_SECRET}`,
				},
			});
			return { runs: [first, await getToken(world)] };
		},
	},
	{
		name: 'a proxy answering HTTP 502 with a page that echoes the token and secret',
		failures: 1,
		act: async (world) => {
			const first = await getToken(world);
			const token = world.account.currentStableToken();
			world.fake.inject({
				path: PROBE_PATH,
				action: {
					type: 'httpStatus',
					status: 502,
					body: `bad gateway for token ${token} / ${APP_SECRET}`,
				},
			});
			return { runs: [first, await getToken(world)] };
		},
	},
	{
		name: 'the token endpoint answering HTTP 500 with a page that echoes the secret',
		failures: 1,
		act: async (world) => {
			world.fake.inject({
				path: TOKEN_PATH,
				action: { type: 'httpStatus', status: 500, body: `upstream failed: secret=${APP_SECRET}` },
			});
			return { runs: [await getToken(world)] };
		},
	},
	{
		name: 'a connection dropped during a business call',
		failures: 1,
		act: async (world) => {
			const first = await getToken(world);
			world.fake.inject({ path: PROBE_PATH, action: { type: 'dropAfterProcess' } });
			return { runs: [first, await getToken(world)] };
		},
	},
	{
		name: 'an upload that meets 42001',
		failures: 0,
		act: async (world) => {
			const first = await uploadImage(world, Buffer.from('\x89PNG\r\n\x1a\nimage bytes'));
			world.account.expireStableToken();
			return {
				runs: [first, await uploadImage(world, Buffer.from('\x89PNG\r\n\x1a\nmore bytes'))],
			};
		},
	},
];

function isGetTokenSuccess(run: NodeRun): boolean {
	return !run.error && run.output.length > 0 && 'accessToken' in run.output[0].json;
}

describe('secrets stay in the credential store', () => {
	test.each(SCENARIOS)(
		'$name: no token or AppSecret in outputs, errors or logs',
		async ({ options, failures, act }) => {
			world = await startWorld(options);
			logger.lines.length = 0;

			const { runs, extra } = await act(world);
			const secrets = secretsOf(world, extra);
			expect(runs.filter((run) => run.error)).toHaveLength(failures);
			expect(logger.lines.length).toBeGreaterThan(0);

			for (const run of runs) {
				// Get Access Token exists to output the token; everything else must stay clean.
				const skip = isGetTokenSuccess(run) ? ['accessToken'] : [];
				expect(leaks(allStrings(run.run, skip), secrets)).toEqual([]);
				expect(leaks(allStrings(run.output, skip), secrets)).toEqual([]);
				if (run.error) {
					expect(leaks(allStrings(run.error), secrets)).toEqual([]);
					expect(leaks([JSON.stringify(run.error)], secrets)).toEqual([]);
				}
			}
			expect(leaks(logger.lines, secrets)).toEqual([]);
			expect(String(stored(world).forcedRefreshLog ?? '')).not.toContain(APP_SECRET);
		},
	);

	test('the logger hook sees the lines the node writes', async () => {
		world = await startWorld();
		logger.lines.length = 0;
		outputJson(await getToken(world));
		world.account.expireStableToken();

		outputJson(await getToken(world));

		expect(logger.lines.some((line) => line.includes('WeChat refused the access token'))).toBe(
			true,
		);
	});

	test('the scan itself finds a token where one is', async () => {
		world = await startWorld();
		const run = await getToken(world);
		const token = world.account.currentStableToken();

		expect(leaks(allStrings(run.run), [token])).not.toEqual([]);
		expect(leaks(allStrings(new Error(`x ${token}`)), [token])).not.toEqual([]);
	});

	test('Get Access Token shows the token only in its accessToken field', async () => {
		world = await startWorld();
		const run = await getToken(world);
		const token = world.account.currentStableToken();

		expect(outputJson(run).accessToken).toBe(token);
		expect(leaks(allStrings(run.output, ['accessToken']), [token, APP_SECRET])).toEqual([]);
	});
});
