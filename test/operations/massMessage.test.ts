import type { Bench } from './support';
import {
	articleMessage,
	bodyOf,
	CONTINUE_ON_FAIL,
	expectNoSecrets,
	sentJob,
	startBench,
} from './support';
import { WeChatMassMessage } from '../../nodes/WeChatMassMessage/WeChatMassMessage.node';

const GET = '/cgi-bin/message/mass/get';
const DELETE = '/cgi-bin/message/mass/delete';
const SPEED_GET = '/cgi-bin/message/mass/speed/get';
const SPEED_SET = '/cgi-bin/message/mass/speed/set';

const getStatus = (msgId: string) => ({ resource: 'massMessage', operation: 'getStatus', msgId });
const deleteById = (msgId: string, articleIndex = 0) => ({
	resource: 'massMessage',
	operation: 'delete',
	deleteBy: 'msgId',
	msgId,
	articleIndex,
});

let bench: Bench;

afterEach(async () => await bench?.close());

describe('Mass Message → Get Status', () => {
	beforeEach(async () => (bench = await startBench()));

	test('sends msg_id as a JSON string and outputs it as a string with status and meaning', async () => {
		const job = await sentJob(bench, { msgtype: 'text', text: { content: 'Hello' } }, null);

		const sending = await bench.run(getStatus(job.msgId));
		bench.account.finishJob(job.msgId, 'SEND_SUCCESS');
		const sent = await bench.run(getStatus(job.msgId));

		expect(bodyOf(bench, GET)).toEqual({ msg_id: job.msgId });
		expect(bench.fake.requestsTo(GET)[0].rawBody.toString()).toContain(`"msg_id":"${job.msgId}"`);
		expect(sending.output.map((item) => item.json)).toEqual([
			{
				msg_id: job.msgId,
				msg_status: 'SENDING',
				meaning: 'Sending: WeChat is still delivering the mass message.',
			},
		]);
		expect(sent.output[0].json).toMatchObject({ msg_id: job.msgId, msg_status: 'SEND_SUCCESS' });
		expect(typeof sent.output[0].json.msg_id).toBe('string');
		expect(Number(job.msgId)).toBeGreaterThan(2 ** 31);
		expectNoSecrets(bench, sending, sent);
	});

	test('reports a failed and a deleted job in plain words', async () => {
		const failed = await sentJob(bench, { msgtype: 'text', text: { content: 'A' } }, 'SEND_FAIL');
		const deleted = await sentJob(bench, articleMessage(bench));
		bench.account.ledger.markDeleted(deleted, 0);

		const run = await bench.run(getStatus('={{ $json.id }}'), [
			{ json: { id: failed.msgId } },
			{ json: { id: deleted.msgId } },
		]);

		expect(run.output.map((item) => [item.json.msg_status, item.json.meaning])).toEqual([
			['SEND_FAIL', 'Failed: WeChat could not deliver the mass message.'],
			['DELETE', 'Deleted: the articles of this mass message were deleted after sending.'],
		]);
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('explains an unknown msg_id (40059) without showing the token', async () => {
		const run = await bench.run(getStatus('3147000001'));

		expect(run.error?.message).toBe(
			'Getting the status of mass message 3147000001 failed: Unknown msg_id (WeChat error 40059)',
		);
		expect(run.error?.description).toContain('Use the msg_id returned by a mass send');
		expectNoSecrets(bench, run);
	});

	test('refuses a Mass Message ID that is not a number before calling WeChat', async () => {
		const run = await bench.run(getStatus('msg-42'));

		expect(run.error?.message).toBe('The Mass Message ID "msg-42" is not a msg_id');
		expect(bench.fake.requestsTo(GET)).toHaveLength(0);
	});

	test('with Continue On Fail, a bad msg_id becomes an error item paired to its input', async () => {
		const job = await sentJob(bench, { msgtype: 'text', text: { content: 'B' } });

		const run = await bench.run(
			getStatus('={{ $json.id }}'),
			[{ json: { id: job.msgId } }, { json: { id: '3147000001' } }, { json: { id: job.msgId } }],
			CONTINUE_ON_FAIL,
		);

		expect(run.error).toBeUndefined();
		expect(run.output).toHaveLength(3);
		expect(run.output[0].json.msg_status).toBe('SEND_SUCCESS');
		expect(run.output[1]).toEqual({
			json: {
				error:
					'Getting the status of mass message 3147000001 failed: Unknown msg_id (WeChat error 40059)',
				description: expect.stringContaining('invalid msg id'),
			},
			pairedItem: { item: 1 },
		});
		expect(run.output[2].pairedItem).toEqual({ item: 2 });
		expectNoSecrets(bench, run);
	});
});

describe('Mass Message → Delete', () => {
	beforeEach(async () => (bench = await startBench()));

	test('deletes a whole article job by msg_id, sending msg_id as a number and article_idx 0', async () => {
		const job = await sentJob(bench, articleMessage(bench, 2));

		const run = await bench.run(deleteById(job.msgId));

		expect(bodyOf(bench, DELETE)).toEqual({ msg_id: Number(job.msgId), article_idx: 0 });
		expect(bench.account.jobs.get(job.msgId)?.status).toBe('DELETE');
		expect(run.output).toEqual([
			{ json: { deleted: true, msg_id: job.msgId, article_idx: 0 }, pairedItem: { item: 0 } },
		]);
		expectNoSecrets(bench, run);
	});

	test('deletes only the second article when Article Index is 2', async () => {
		const job = await sentJob(bench, articleMessage(bench, 3));

		const run = await bench.run(deleteById(job.msgId, 2));

		expect(run.error).toBeUndefined();
		const stored = bench.account.jobs.get(job.msgId);
		expect(stored?.deletedArticles).toEqual([2]);
		expect(stored?.status).toBe('SEND_SUCCESS');
	});

	test('explains an Article Index beyond the articles of the job (40060)', async () => {
		const job = await sentJob(bench, articleMessage(bench, 2));

		const run = await bench.run(deleteById(job.msgId, 3));

		expect(run.error?.message).toBe(
			`Deleting article 3 of mass message ${job.msgId} failed: Invalid article index (WeChat error 40060)`,
		);
		expect(run.error?.description).toContain('use 0 to delete the whole mass message');
		expect(bench.account.jobs.get(job.msgId)?.deletedArticles).toEqual([]);
	});

	test('deletes by article URL, sending only the url', async () => {
		const job = await sentJob(bench, articleMessage(bench, 1));

		const run = await bench.run({
			resource: 'massMessage',
			operation: 'delete',
			deleteBy: 'url',
			articleUrl: job.articleUrls[0],
		});

		expect(bodyOf(bench, DELETE)).toEqual({ url: job.articleUrls[0] });
		expect(bench.account.jobs.get(job.msgId)?.status).toBe('DELETE');
		expect(run.output[0].json).toEqual({ deleted: true, url: job.articleUrls[0] });
	});

	test('deleting one send of shared material deletes every send of it', async () => {
		const followers = bench.account.followers;
		const message = articleMessage(bench, 1);
		const first = await sentJob(bench, message, 'SEND_SUCCESS', {
			touser: followers.slice(0, 2),
		});
		const second = await sentJob(bench, message, 'SEND_SUCCESS', {
			touser: followers.slice(2, 4),
		});

		await bench.run(deleteById(first.msgId));

		expect(bench.account.jobs.get(second.msgId)?.status).toBe('DELETE');
	});

	test('says that a text job cannot be deleted (40008)', async () => {
		const job = await sentJob(bench, { msgtype: 'text', text: { content: 'Stays' } });

		const run = await bench.run(deleteById(job.msgId));

		expect(run.error?.message).toBe(
			`Deleting mass message ${job.msgId} failed: only articles (mpnews) and videos (mpvideo) can be deleted (WeChat error 40008)`,
		);
		expect(run.error?.description).toContain('stays with the followers');
		expectNoSecrets(bench, run);
	});

	test('explains an unknown msg_id (40059)', async () => {
		const run = await bench.run(deleteById('3147000001'));

		expect(run.error?.message).toBe(
			'Deleting mass message 3147000001 failed: Unknown msg_id (WeChat error 40059)',
		);
		expectNoSecrets(bench, run);
	});

	test('refuses an Article URL that is not a link before calling WeChat', async () => {
		const run = await bench.run({
			resource: 'massMessage',
			operation: 'delete',
			deleteBy: 'url',
			articleUrl: 'mp.weixin.qq.com/s/abc',
		});

		expect(run.error?.message).toBe('The Article URL "mp.weixin.qq.com/s/abc" is not a link');
		expect(bench.fake.requestsTo(DELETE)).toHaveLength(0);
	});

	test('with Continue On Fail, deletes what it can and reports the rest per item', async () => {
		const article = await sentJob(bench, articleMessage(bench, 1));
		const text = await sentJob(bench, { msgtype: 'text', text: { content: 'C' } });

		const run = await bench.run(
			{ ...deleteById('={{ $json.id }}') },
			[{ json: { id: text.msgId } }, { json: { id: article.msgId } }],
			CONTINUE_ON_FAIL,
		);

		expect(run.output.map((item) => Object.keys(item.json))).toEqual([
			['error', 'description'],
			['deleted', 'msg_id', 'article_idx'],
		]);
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(bench.account.jobs.get(article.msgId)?.status).toBe('DELETE');
	});
});

describe('Mass Message → Get Speed', () => {
	test('outputs the level, realspeed and both per-minute figures', async () => {
		bench = await startBench();
		bench.account.speed = 1;

		const run = await bench.run({ resource: 'massMessage', operation: 'getSpeed' });

		expect(run.output[0].json).toEqual({
			speed: 1,
			realspeed: 60,
			followersPerMinute: 600000,
			levelFollowersPerMinute: 600000,
			meaning:
				"Level 1 (Fast): WeChat's speed table gives 600,000 followers per minute. WeChat reports a real speed of 600,000 followers per minute.",
		});
		expect(bench.fake.requestsTo(SPEED_GET)[0].method).toBe('POST');
		expectNoSecrets(bench, run);
	});

	test("when WeChat answers like its doc example (speed 3, realspeed 15), outputs WeChat's figure and the table's apart", async () => {
		bench = await startBench({ quirks: { speedExampleMode: true } });
		bench.account.speed = 3;

		const run = await bench.run({ resource: 'massMessage', operation: 'getSpeed' });

		expect(run.output[0].json).toMatchObject({
			speed: 3,
			realspeed: 15,
			followersPerMinute: 150000,
			levelFollowersPerMinute: 300000,
		});
		expect(run.output[0].json.meaning).toContain('300,000');
		expect(run.output[0].json.meaning).toContain('real speed of 150,000');
	});

	test('explains 45084 (no speed set)', async () => {
		bench = await startBench();
		bench.fake.inject({
			path: SPEED_GET,
			action: { type: 'errcode', errcode: 45084, errmsg: 'No speed message' },
		});

		const run = await bench.run({ resource: 'massMessage', operation: 'getSpeed' });

		expect(run.error?.message).toBe(
			'Getting the mass message speed failed: No speed given (WeChat error 45084)',
		);
		expectNoSecrets(bench, run);
	});

	test('explains 48001 on an account that is not verified', async () => {
		bench = await startBench({ account: { verified: false } });

		const run = await bench.run({ resource: 'massMessage', operation: 'getSpeed' });

		expect(run.error?.message).toContain('(WeChat error 48001)');
		expect(run.error?.description).toContain('verified (认证) account');
	});
});

describe('Mass Message → Set Speed', () => {
	beforeEach(async () => (bench = await startBench()));

	test('sets the level as a JSON number and says what it means', async () => {
		const run = await bench.run({ resource: 'massMessage', operation: 'setSpeed', speed: 2 });

		expect(bodyOf(bench, SPEED_SET)).toEqual({ speed: 2 });
		expect(bench.account.speed).toBe(2);
		expect(run.output[0].json).toEqual({
			speed: 2,
			levelFollowersPerMinute: 450000,
			meaning:
				'Mass messages are now delivered at level 2 (Medium), about 450,000 followers per minute.',
		});
		expectNoSecrets(bench, run);
	});

	test('a level out of range from an expression gets WeChat’s 45083, and the speed stays', async () => {
		bench.account.speed = 1;

		const run = await bench.run({
			resource: 'massMessage',
			operation: 'setSpeed',
			speed: '={{ 7 }}',
		});

		expect(bodyOf(bench, SPEED_SET)).toEqual({ speed: 7 });
		expect(run.error?.message).toBe(
			'Setting the mass message speed to 7 failed: The speed is out of range (WeChat error 45083)',
		);
		expect(run.error?.description).toContain('from 0 (fastest) to 4 (slowest)');
		expect(bench.account.speed).toBe(1);
		expectNoSecrets(bench, run);
	});

	test('explains 45084 when WeChat finds no speed in the request', async () => {
		bench.fake.inject({ path: SPEED_SET, action: { type: 'errcode', errcode: 45084 } });

		const run = await bench.run({ resource: 'massMessage', operation: 'setSpeed', speed: 0 });

		expect(run.error?.message).toContain('No speed given (WeChat error 45084)');
	});

	test('offers the five levels with their per-minute speeds', () => {
		const speed = new WeChatMassMessage().description.properties.find(
			(property) =>
				property.name === 'speed' && property.displayOptions?.show?.operation?.includes('setSpeed'),
		);

		expect(
			speed?.options?.map((option) => [option.name, (option as { value: number }).value]),
		).toEqual([
			['0 – Fastest (800,000/min)', 0],
			['1 – Fast (600,000/min)', 1],
			['2 – Medium (450,000/min)', 2],
			['3 – Slow (300,000/min)', 3],
			['4 – Slowest (100,000/min)', 4],
		]);
	});
});
