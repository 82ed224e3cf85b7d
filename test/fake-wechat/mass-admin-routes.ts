import type { FakeAccount } from './account';
import { nonEmptyString, type RouteContext, type RouteTable } from './route';
import type { MassJob } from './types';
import { fail, ok, type Reply } from './wire';

/** Real-speed table of speed/get, in units of 10,000 messages per minute (wechat-api.md §B.9). */
const REALSPEED = [80, 60, 45, 30, 10];

/** msg_id arrives as a JSON number (WxJava) or a numeric string (the doc). */
function jobById(account: FakeAccount, value: unknown): MassJob | undefined {
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	account.ledger.sweep();
	return account.jobs.get(String(value));
}

function verifiedOnly(account: FakeAccount): Reply | undefined {
	return account.verified ? undefined : fail(48001, 'api unauthorized');
}

function get(ctx: RouteContext): Reply {
	const refusal = verifiedOnly(ctx.account);
	if (refusal) return refusal;
	const job = jobById(ctx.account, ctx.json.msg_id);
	if (!job) return fail(40059, 'invalid msg id');
	return ok({ msg_id: BigInt(job.msgId), msg_status: job.status });
}

function findByUrl(account: FakeAccount, url: unknown): MassJob | undefined {
	if (!nonEmptyString(url)) return undefined;
	const bare = url.replace(/#.*$/, '');
	for (const job of account.jobs.values()) {
		if (job.articleUrls.some((u) => u.replace(/#.*$/, '') === bare)) return job;
	}
	return undefined;
}

/** Only API-sent, successfully sent mpnews/mpvideo jobs can be deleted; msg_id beats url. */
function remove(ctx: RouteContext): Reply {
	const { account, json } = ctx;
	const refusal = verifiedOnly(account);
	if (refusal) return refusal;

	const job =
		json.msg_id !== undefined ? jobById(account, json.msg_id) : findByUrl(account, json.url);
	if (!job) return fail(40059, 'invalid msg id');
	const articleIdx = json.msg_id !== undefined ? (json.article_idx ?? 0) : 0;
	const maxIdx = job.msgtype === 'mpnews' ? job.articleCount : 0;
	if (
		typeof articleIdx !== 'number' ||
		!Number.isInteger(articleIdx) ||
		articleIdx < 0 ||
		articleIdx > maxIdx
	) {
		return fail(40060, 'invalid article idx');
	}
	if (job.msgtype !== 'mpnews' && job.msgtype !== 'mpvideo') {
		return fail(40008, 'invalid message type');
	}
	if (job.status === 'DELETE') return ok({ errcode: 0, errmsg: 'ok' });
	if (job.status !== 'SEND_SUCCESS') return fail(-1, 'system error');

	account.ledger.markDeleted(job, articleIdx);
	return ok({ errcode: 0, errmsg: 'ok' });
}

function speedGet(ctx: RouteContext): Reply {
	const refusal = verifiedOnly(ctx.account);
	if (refusal) return refusal;
	const speed = ctx.account.speed;
	const realspeed = ctx.state.quirks.speedExampleMode && speed === 3 ? 15 : REALSPEED[speed];
	return ok({ speed, realspeed });
}

function speedSet(ctx: RouteContext): Reply {
	const refusal = verifiedOnly(ctx.account);
	if (refusal) return refusal;
	const speed = ctx.json.speed;
	if (speed === undefined || speed === null) return fail(45084, 'No speed message');
	if (typeof speed !== 'number' || !Number.isInteger(speed) || speed < 0 || speed > 4) {
		return fail(45083, 'the speed out of range');
	}
	ctx.account.speed = speed;
	return ok({ errcode: 0, errmsg: '' });
}

export const massAdminRoutes: RouteTable = {
	'/cgi-bin/message/mass/get': { method: 'POST', auth: true, body: 'json', handle: get },
	'/cgi-bin/message/mass/delete': { method: 'POST', auth: true, body: 'json', handle: remove },
	'/cgi-bin/message/mass/speed/get': {
		method: 'ANY',
		auth: true,
		body: 'optionalJson',
		handle: speedGet,
	},
	'/cgi-bin/message/mass/speed/set': { method: 'POST', auth: true, body: 'json', handle: speedSet },
};
