import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { getTags } from '../../nodes/WeChatMassMessage/methods/loadOptions';
import { loadOptions } from '../../nodes/WeChatMassMessage/methods';
import { TestNodeTypes } from '../harness/nodeTypes';
import { MASS_NODE_TYPE } from '../harness/runWorkflow';
import type { Bench } from './support';
import { CONTINUE_ON_FAIL, CREDENTIAL_ID, expectNoSecrets, startBench } from './support';

const USER_GET = '/cgi-bin/user/get';
const TAG_FANS = '/cgi-bin/user/tag/get';
const TAGS_GET = '/cgi-bin/tags/get';

const listFollowers = (extra: IDataObject = {}): IDataObject => ({
	resource: 'audience',
	operation: 'listFollowers',
	returnAll: true,
	...extra,
});
const tagFollowers = (tagId: string | number, extra: IDataObject = {}): IDataObject => ({
	resource: 'audience',
	operation: 'getTagFollowers',
	tagId,
	returnAll: true,
	...extra,
});

let bench: Bench;

afterEach(async () => await bench.close());

describe('Audience → List Tags', () => {
	test('outputs one item per tag with id, name and follower count', async () => {
		bench = await startBench({
			account: {
				followers: 12,
				tags: [
					{ id: 100, name: '北京', members: 5 },
					{ id: 101, name: 'VIP', members: 1 },
				],
			},
		});

		const run = await bench.run({ resource: 'audience', operation: 'listTags' });

		expect(run.output).toEqual([
			{ json: { id: 2, name: '星标组', count: 0 }, pairedItem: { item: 0 } },
			{ json: { id: 100, name: '北京', count: 5 }, pairedItem: { item: 0 } },
			{ json: { id: 101, name: 'VIP', count: 1 }, pairedItem: { item: 0 } },
		]);
		expectNoSecrets(bench, run);
	});
});

describe('Audience → List Followers', () => {
	test('follows next_openid across 25,001 followers, ending on the empty page without data', async () => {
		bench = await startBench({ account: { followers: 25001 } });

		const run = await bench.run(listFollowers());

		const requests = bench.fake.requestsTo(USER_GET);
		const followers = bench.account.followers;
		expect(requests.map((r) => r.query.next_openid)).toEqual([
			undefined,
			followers[9999],
			followers[19999],
			followers[25000],
		]);
		expect(requests[3].response).toEqual({ total: 25001, count: 0, next_openid: '' });
		expect(run.output).toHaveLength(25001);
		expect(run.output.map((item) => item.json.openid)).toEqual(followers);
		expect(run.output[25000]).toEqual({
			json: { openid: followers[25000] },
			pairedItem: { item: 0 },
		});
		expectNoSecrets(bench, run);
	});

	test('"One Item With All OpenIDs" returns a single item with openids, count and total', async () => {
		bench = await startBench({ account: { followers: 25001 } });

		const run = await bench.run(listFollowers({ outputMode: 'allInOne' }));

		expect(run.output).toHaveLength(1);
		expect(run.output[0].json).toEqual({
			openids: bench.account.followers,
			count: 25001,
			total: 25001,
		});
	});

	test('stops as soon as the limit is reached', async () => {
		bench = await startBench({ account: { followers: 25001 } });

		const run = await bench.run(listFollowers({ returnAll: false, limit: 10000 }));
		const limited = await bench.run(
			listFollowers({ returnAll: false, limit: 15000, outputMode: 'allInOne' }),
		);

		expect(run.output).toHaveLength(10000);
		expect(limited.output[0].json).toMatchObject({ count: 15000, total: 25001 });
		expect((limited.output[0].json.openids as string[]).slice(-1)).toEqual([
			bench.account.followers[14999],
		]);
		expect(bench.fake.requestsTo(USER_GET)).toHaveLength(1 + 2);
	});

	test('stops on a final page that carries an empty data object too', async () => {
		bench = await startBench({
			account: { followers: 3 },
			quirks: { omitDataOnEmptyPage: false, userGetPageSize: 2 },
		});

		const run = await bench.run(listFollowers());

		expect(run.output.map((item) => item.json.openid)).toEqual(bench.account.followers);
		expect(bench.fake.requestsTo(USER_GET)).toHaveLength(3);
	});

	test('stops on a page with count 0 even when WeChat still sends a next_openid', async () => {
		bench = await startBench({ account: { followers: 2 }, quirks: { userGetPageSize: 2 } });
		const followers = bench.account.followers;
		bench.fake.inject({
			path: USER_GET,
			when: (entry) => entry.query.next_openid === followers[1],
			action: {
				type: 'errcode',
				errcode: 0,
				errmsg: 'ok',
				extra: { total: 2, count: 0, data: { openid: [] }, next_openid: followers[1] },
			},
		});

		const run = await bench.run(listFollowers());

		expect(run.output).toHaveLength(2);
		expect(bench.fake.requestsTo(USER_GET)).toHaveLength(2);
	});

	test('an account without followers yields no items, or one item with an empty list', async () => {
		bench = await startBench({ account: { followers: 0 } });

		const perFollower = await bench.run(listFollowers());
		const allInOne = await bench.run(listFollowers({ outputMode: 'allInOne' }));

		expect(perFollower.output).toEqual([]);
		expect(allInOne.output[0].json).toEqual({ openids: [], count: 0, total: 0 });
		expect(bench.fake.requestsTo(USER_GET)).toHaveLength(2);
	});

	test('explains the daily quota (45009) and, with Continue On Fail, outputs it as an item', async () => {
		bench = await startBench({ account: { followers: 5 } });
		bench.account.limits.userGetPerDay = 0;

		const failed = await bench.run(listFollowers());
		const continued = await bench.run(listFollowers(), undefined, CONTINUE_ON_FAIL);

		expect(failed.error?.message).toBe(
			'Listing the followers failed: The daily API quota of this Official Account is used up (WeChat error 45009)',
		);
		expect(continued.output).toEqual([
			{
				json: { error: failed.error?.message, description: expect.stringContaining('tomorrow') },
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(bench, failed, continued);
	});

	test('refuses a Limit that is not a positive whole number', async () => {
		bench = await startBench();

		const run = await bench.run(listFollowers({ returnAll: false, limit: '={{ 0 }}' }));

		expect(run.error?.message).toBe('The Limit "0" is not a positive number');
		expect(bench.fake.requestsTo(USER_GET)).toHaveLength(0);
	});
});

describe('Audience → Get Tag Followers', () => {
	test('pages through user/tag/get with tagid as a number and the last OpenID as cursor', async () => {
		bench = await startBench({
			account: { followers: 10, tags: [{ id: 134, name: 'Beijing', members: 7 }] },
			quirks: { tagPageSize: 3 },
		});
		const members = bench.account.followers.slice(0, 7);

		const run = await bench.run(tagFollowers(134));

		const bodies = bench.fake.requestsTo(TAG_FANS).map((r) => r.json);
		expect(bodies).toEqual([
			{ tagid: 134, next_openid: '' },
			{ tagid: 134, next_openid: members[2] },
			{ tagid: 134, next_openid: members[5] },
			{ tagid: 134, next_openid: members[6] },
		]);
		expect(run.output.map((item) => item.json)).toEqual(members.map((openid) => ({ openid })));
		expectNoSecrets(bench, run);
	});

	test('one item per input tag with all OpenIDs, the tag id taken from an expression', async () => {
		bench = await startBench({
			account: {
				followers: 10,
				tags: [
					{ id: 134, name: 'Beijing', members: 4 },
					{ id: 135, name: 'Shanghai', members: 2 },
				],
			},
		});

		const run = await bench.run(
			tagFollowers('={{ $json.tag }}', { outputMode: 'allInOne', returnAll: false, limit: 3 }),
			[{ json: { tag: '134' } }, { json: { tag: 135 } }],
		);

		const followers = bench.account.followers;
		expect(run.output).toEqual([
			{
				json: { tagId: 134, openids: followers.slice(0, 3), count: 3 },
				pairedItem: { item: 0 },
			},
			{
				json: { tagId: 135, openids: followers.slice(0, 2), count: 2 },
				pairedItem: { item: 1 },
			},
		]);
	});

	test('explains an unknown tag (45159)', async () => {
		bench = await startBench();

		const run = await bench.run(tagFollowers(999));

		expect(run.error?.message).toBe(
			'Listing the followers of tag 999 failed: Invalid tag ID (WeChat error 45159)',
		);
		expect(run.error?.description).toContain('Audience → List Tags');
		expectNoSecrets(bench, run);
	});

	test('refuses a tag that is not a numeric ID before calling WeChat', async () => {
		bench = await startBench();

		const run = await bench.run(tagFollowers('VIP'));

		expect(run.error?.message).toBe('The tag "VIP" is not a tag ID');
		expect(bench.fake.requestsTo(TAG_FANS)).toHaveLength(0);
	});
});

describe('Tag dropdown (loadOptions getTags)', () => {
	function loadOptionsContext(b: Bench): LoadOptionsContext {
		const node: INode = {
			id: 'wechat-node',
			name: 'WeChat',
			type: MASS_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'audience', operation: 'getTagFollowers' },
			credentials: { wechatOfficialAccountApi: { id: CREDENTIAL_ID, name: 'WeChat account' } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes(),
		});
		const additionalData = {
			credentialsHelper: b.credentials,
			variables: {},
			executionId: 'load-options',
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678',
		} as unknown as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.tagId');
	}

	test('lists tags as "name (N followers)" with the numeric tag id as value, sorted by name', async () => {
		bench = await startBench({
			account: {
				followers: 1500,
				tags: [
					{ id: 100, name: 'VIP', members: 1 },
					{ id: 101, name: 'Beijing', members: 1204 },
				],
			},
		});

		const options = await getTags.call(loadOptionsContext(bench));

		expect(options).toEqual([
			{ name: 'Beijing (1,204 followers)', value: 101 },
			{ name: 'VIP (1 follower)', value: 100 },
			{ name: '星标组 (0 followers)', value: 2 },
		]);
		expect(bench.fake.requestsTo(TAGS_GET)).toHaveLength(1);
		expect(loadOptions.getTags).toBe(getTags);
	});

	test('fails with WeChat’s explanation and no token when WeChat refuses the call', async () => {
		bench = await startBench();
		bench.fake.inject({ path: TAGS_GET, action: { type: 'errcode', errcode: 48001 } });

		const failure = await getTags.call(loadOptionsContext(bench)).catch((error: Error) => error);

		expect(failure).toBeInstanceOf(Error);
		const text = JSON.stringify({
			message: (failure as Error).message,
			description: (failure as { description?: string }).description,
		});
		expect(text).toContain('Listing the tags failed');
		expect(text).toContain('WeChat error 48001');
		expect(bench.secrets().length).toBeGreaterThan(1);
		for (const secret of bench.secrets()) expect(text).not.toContain(secret);
	});
});
