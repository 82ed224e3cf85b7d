import { createHash } from 'node:crypto';

import type { FakeAccount } from './account';
import { readMassMessage, resolveMassMedia, type MassMessage } from './mass-message';
import {
	isRecord,
	nonEmptyString,
	overDailyQuota,
	QUOTA_COUNTERS,
	type RouteContext,
	type RouteTable,
} from './route';
import { canonicalJson, fail, ok, utf8Length, type Reply } from './wire';

const MIN_TOUSER = 2;
const MAX_TOUSER = 10_000;

/** Account-level gates every sending call meets before its body is looked at. */
function sendingGate(account: FakeAccount, ctx: RouteContext): Reply | undefined {
	if (!account.verified) return fail(48001, 'api unauthorized');
	const overQuota = overDailyQuota(account, QUOTA_COUNTERS.massApi, account.limits.massApiPerDay);
	if (overQuota) return overQuota;
	const minuteErrcode = ctx.state.quirks.massMinuteLimitErrcode;
	const perMinute = account.count('massApiMinute', 'minute');
	if (minuteErrcode !== null && perMinute > account.limits.massApiPerMinute) {
		return fail(minuteErrcode, 'api minute-quota reach limit must slower retry next minute');
	}
	return undefined;
}

interface Audience {
	/** Part of the digest used when no clientmsgid is given. */
	key: string;
	isToAll: boolean;
	tagId?: number;
	resolve(): number[] | Reply;
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/**
 * The common tail of sendall and send: clientmsgid dedup (before media checks, so a retry of a
 * submitted job with a consumed draft still learns its msg_id), audience, media, quotas, job.
 */
function submit(
	ctx: RouteContext,
	api: 'sendall' | 'send',
	message: MassMessage,
	audience: Audience,
): Reply {
	const { account, json } = ctx;
	const quirks = ctx.state.quirks;
	const sendIgnoreReprint = json.send_ignore_reprint === 1 ? 1 : 0;

	const given = json.clientmsgid;
	const hasId = given !== undefined && given !== null && given !== '';
	const clientmsgid = hasId
		? String(given)
		: sha256(
				`${audience.key}|${message.msgtype}|${canonicalJson(message.content)}|${sendIgnoreReprint}`,
			);
	if (hasId && utf8Length(clientmsgid) > quirks.clientMsgIdMaxBytes) {
		return fail(45067, 'clientmsgid size out of limit');
	}
	const prior = account.ledger.priorSubmission(clientmsgid);
	if (prior) {
		return account.now - prior.at < quirks.clientMsgIdRetryTooFastMs
			? fail(45066, 'same clientmsgid retry too fast')
			: fail(45065, 'clientmsgid exist', { msg_id: BigInt(prior.msgId) });
	}

	const indices = audience.resolve();
	if (!Array.isArray(indices)) return indices;
	const media = resolveMassMedia(account, message, quirks);
	if ('status' in media) return media;

	const limits = account.limits;
	if (account.type === 'subscription' && api === 'sendall') {
		if (account.used('sendallSuccess') >= limits.subscriptionSendallPerDay) {
			return fail(45028, 'has no masssend quota');
		}
	}
	if (account.type === 'service' && audience.isToAll) {
		if (account.used('toAll', 'month') >= limits.serviceToAllPerMonth) {
			return fail(45028, 'has no masssend quota');
		}
	}

	const job = account.ledger.submit({
		api,
		msgtype: message.msgtype,
		msgKey: message.msgKey,
		mediaIds: message.mediaIds,
		body: json,
		clientmsgid,
		clientmsgidDerived: !hasId,
		isToAll: audience.isToAll,
		tagId: audience.tagId,
		audience: indices,
		sendIgnoreReprint,
		articleCount: media.articleCount,
	});
	if (account.type === 'subscription' && api === 'sendall') account.count('sendallSuccess');
	if (audience.isToAll) account.count('toAll', 'month');
	if (media.draftId && (api === 'sendall' || !quirks.draftSurvivesBatches)) {
		const draft = account.drafts.get(media.draftId);
		if (draft) Object.assign(draft, { removedAt: account.now, removedBy: 'mass' as const });
	}

	return ok({
		errcode: 0,
		errmsg: 'send job submission success',
		msg_id: BigInt(job.msgId),
		...(job.msgDataId ? { msg_data_id: BigInt(job.msgDataId) } : {}),
	});
}

/** Boolean/integer filter fields; strings are refused with 40008 or coerced (quirk). */
function readFilterValue(value: unknown, kind: 'boolean' | 'integer', strict: boolean): unknown {
	if (kind === 'boolean' && typeof value === 'boolean') return value;
	if (kind === 'integer' && typeof value === 'number' && Number.isInteger(value)) return value;
	if (strict || typeof value !== 'string') return undefined;
	if (kind === 'boolean') return value === 'true' || value === '1';
	return /^\d+$/.test(value) ? Number(value) : undefined;
}

function sendall(ctx: RouteContext): Reply {
	const { account, json } = ctx;
	const quirks = ctx.state.quirks;
	const gate = sendingGate(account, ctx);
	if (gate) return gate;

	const message = readMassMessage(json, 'sendall', quirks);
	if ('status' in message) return message;
	const filter = json.filter;
	if (!isRecord(filter)) return fail(40097, 'invalid args hint: [filter]');

	const rawToAll = filter.is_to_all ?? false;
	const isToAll = readFilterValue(rawToAll, 'boolean', quirks.rejectStringFilterTypes);
	if (isToAll === undefined) return fail(40008, 'invalid message type');
	const rawTag =
		filter.tag_id !== undefined
			? filter.tag_id
			: quirks.acceptGroupId
				? filter.group_id
				: undefined;

	if (isToAll) {
		if (message.msgtype === 'mpnews' && quirks.mpnewsToAllNeedsTagId && rawTag === undefined) {
			return fail(40152, 'invalid group id');
		}
		const all = { key: 'all', isToAll: true, resolve: () => account.followers.map((_, i) => i) };
		return submit(ctx, 'sendall', message, all);
	}

	if (rawTag === undefined || rawTag === '') return fail(40152, 'invalid group id');
	const tagId = readFilterValue(rawTag, 'integer', quirks.rejectStringFilterTypes);
	if (tagId === undefined) return fail(40008, 'invalid message type');
	const tag = account.tags.get(tagId as number);
	return submit(ctx, 'sendall', message, {
		key: `tag:${String(tagId)}`,
		isToAll: false,
		tagId: tagId as number,
		resolve: () => {
			if (!tag) return fail(-1, 'system error');
			const indices: number[] = [];
			for (const openid of tag.members) {
				const at = account.followerIndex(openid);
				if (at >= 0) indices.push(at);
			}
			return indices;
		},
	});
}

function send(ctx: RouteContext): Reply {
	const { account, json } = ctx;
	if (account.type === 'subscription' && !ctx.state.quirks.subscriptionMassSend) {
		return fail(48001, 'api unauthorized');
	}
	const gate = sendingGate(account, ctx);
	if (gate) return gate;

	const message = readMassMessage(json, 'send', ctx.state.quirks);
	if ('status' in message) return message;
	const touser = json.touser;
	if (!Array.isArray(touser) || touser.length < MIN_TOUSER || touser.length > MAX_TOUSER) {
		return fail(40130, 'invalid openid list size, at least two openid');
	}
	const distinct = [...new Set(touser.map(String))];
	return submit(ctx, 'send', message, {
		// Only needed when no clientmsgid is given; sorting 10,000 ids per call is not free.
		get key() {
			return `openids:${sha256([...distinct].sort().join(','))}`;
		},
		isToAll: false,
		resolve: () => {
			const indices: number[] = [];
			for (const openid of distinct) {
				const at = account.followerIndex(openid);
				if (at < 0) return fail(40003, 'invalid openid');
				indices.push(at);
			}
			return indices;
		},
	});
}

/** Preview goes to one follower (touser) or WeChat ID (towxname wins); no mass quota. */
function preview(ctx: RouteContext): Reply {
	const { account, json } = ctx;
	if (!account.verified) return fail(48001, 'api unauthorized');
	const message = readMassMessage(json, 'preview', ctx.state.quirks);
	if ('status' in message) return message;

	const towxname = nonEmptyString(json.towxname) ? json.towxname : undefined;
	const touser = nonEmptyString(json.touser) ? json.touser : undefined;
	if (!towxname && (!touser || !account.isFollower(touser))) return fail(40003, 'invalid openid');
	const media = resolveMassMedia(account, message, ctx.state.quirks);
	if ('status' in media) return media;
	if (towxname) {
		const limit = account.limits.previewTowxnamePerDay;
		const overQuota = overDailyQuota(account, QUOTA_COUNTERS.previewTowxname, limit);
		if (overQuota) return overQuota;
	}

	const msgId = ctx.state.ids.nextMsgId();
	account.previews.push({
		msgId,
		at: account.now,
		touser: towxname ? undefined : touser,
		towxname,
		msgtype: message.msgtype,
		msgKey: message.msgKey,
	});
	return ok({ errcode: 0, errmsg: 'preview success', msg_id: BigInt(msgId) });
}

export const massSendRoutes: RouteTable = {
	'/cgi-bin/message/mass/sendall': { method: 'POST', auth: true, body: 'json', handle: sendall },
	'/cgi-bin/message/mass/send': { method: 'POST', auth: true, body: 'json', handle: send },
	'/cgi-bin/message/mass/preview': { method: 'POST', auth: true, body: 'json', handle: preview },
};
