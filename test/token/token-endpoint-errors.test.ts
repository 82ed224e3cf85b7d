/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
import type { World, WorldOptions } from './support';
import {
	APP_SECRET,
	getToken,
	probeRequests,
	startWorld,
	stopWorld,
	tokenRequests,
	TOKEN_PATH,
} from './support';

let world: World | undefined;

afterEach(async () => {
	await stopWorld(world);
	world = undefined;
});

interface Case {
	errcode: number;
	world?: WorldOptions;
	arrange?: (world: World) => void;
	message: string[];
	description: string[];
}

const WRONG_SECRET = 'WRONGsecret-0f9e8d7c6b5a';

const CASES: Case[] = [
	{
		errcode: 40125,
		world: { stored: { appSecret: WRONG_SECRET } },
		message: ['The AppSecret is wrong', '40125'],
		description: ['开发者密码', '设置与开发 → 基本配置'],
	},
	{
		errcode: 40013,
		world: { stored: { appId: 'wx00000000deadbeef' } },
		message: ['The AppID is invalid', '40013'],
		description: ['开发者ID', '设置与开发 → 基本配置'],
	},
	{
		errcode: 40164,
		world: { ipWhitelist: ['203.0.113.7'] },
		message: ['not in the IP whitelist', '40164'],
		description: ['WeChat saw the call coming from 127.0.0.1', 'Add 127.0.0.1', 'IP白名单'],
	},
	{
		errcode: 45009,
		arrange: (world) => {
			world.account.limits.stableTokenPerDay = 0;
		},
		message: ['daily API quota', '45009'],
		description: ['midnight Beijing time'],
	},
	{
		errcode: 89503,
		arrange: (world) => {
			world.account.requireAdminConfirmation = true;
		},
		message: ['confirmation by the account administrator', '89503'],
		description: ['approve it, then try again'],
	},
	{
		errcode: 40243,
		arrange: (world) => {
			world.account.secretFrozen = true;
		},
		message: ['The AppSecret is frozen', '40243'],
		description: ['Unfreeze or reset the AppSecret'],
	},
	{
		errcode: -1,
		arrange: (world) => {
			world.fake.inject({
				path: TOKEN_PATH,
				times: 10,
				action: { type: 'errcode', errcode: -1, errmsg: 'system error' },
			});
		},
		message: ['system error', '-1'],
		description: ['Try again in a few seconds'],
	},
];

describe('refusals of the token endpoint', () => {
	test.each(CASES)(
		'errcode $errcode stops the execution with an actionable message after one token request',
		async ({ errcode, world: options, arrange, message, description }) => {
			world = await startWorld(options);
			arrange?.(world);

			const run = await getToken(world);

			expect(run.output).toEqual([]);
			const error = run.error;
			expect(error).toBeDefined();
			expect(error?.message).toContain('Getting the WeChat access token failed');
			for (const text of message) expect(error?.message).toContain(text);
			for (const text of description) expect(error?.description).toContain(text);
			expect(error?.description).toContain('WeChat said:');

			const fetches = tokenRequests(world);
			expect(fetches).toHaveLength(1);
			expect((fetches[0].response as { errcode: number }).errcode).toBe(errcode);
			expect(probeRequests(world)).toHaveLength(0);
			for (const secret of [APP_SECRET, WRONG_SECRET]) {
				expect(`${error?.message} ${error?.description}`).not.toContain(secret);
			}
		},
	);

	test('an unreachable base URL is reported as such, without retries', async () => {
		world = await startWorld();
		const closed = world.fake.url;
		await world.fake.close();
		const run = await getToken(world);

		expect(run.error?.message).toContain(`Could not reach WeChat at ${closed}`);
		expect(run.error?.description).toContain('Check the API Base URL');
		expect(run.error?.description).not.toContain(APP_SECRET);
	});
});
