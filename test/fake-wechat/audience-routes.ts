import { RESERVED_TAG_IDS, type FakeAccount, type FakeTag } from './account';
import {
	isRecord,
	nonEmptyString,
	overDailyQuota,
	QUOTA_COUNTERS,
	type RouteContext,
	type RouteTable,
} from './route';
import type { Quirks } from './types';
import { fail, ok, type Reply } from './wire';

const MAX_TAGGING_BATCH = 50;
const MAX_DELETABLE_TAG_MEMBERS = 100_000;
const FIRST_CUSTOM_TAG_ID = 100;

/**
 * One page of OpenIDs after `next` (wechat-api.md §D.1): next_openid is the last id of the page;
 * the call after the last page answers count 0 and next_openid "" (data omitted by quirk).
 */
function page(
	ids: string[],
	indexOf: (id: string) => number,
	next: string | undefined,
	size: number,
	quirks: Quirks,
	total?: number,
): Reply {
	let start = 0;
	if (next) {
		const at = indexOf(next);
		if (at < 0) return fail(40003, 'invalid openid');
		start = at + 1;
	}
	const slice = ids.slice(start, start + size);
	const totals = total === undefined ? {} : { total };
	if (slice.length === 0) {
		const data = quirks.omitDataOnEmptyPage ? {} : { data: { openid: [] } };
		return ok({ ...totals, count: 0, ...data, next_openid: '' });
	}
	return ok({
		...totals,
		count: slice.length,
		data: { openid: slice },
		next_openid: slice[slice.length - 1],
	});
}

function userGet(ctx: RouteContext): Reply {
	const { account } = ctx;
	const overQuota = overDailyQuota(account, QUOTA_COUNTERS.userGet, account.limits.userGetPerDay);
	if (overQuota) return overQuota;
	const ids = account.followers;
	const quirks = ctx.state.quirks;
	const next = ctx.query.next_openid || undefined;
	return page(
		ids,
		(id) => account.followerIndex(id),
		next,
		quirks.userGetPageSize,
		quirks,
		ids.length,
	);
}

const memberLists = new WeakMap<
	Set<string>,
	{ size: number; ids: string[]; pos: Map<string, number> }
>();

function memberList(tag: FakeTag): { ids: string[]; pos: Map<string, number> } {
	let cached = memberLists.get(tag.members);
	if (!cached || cached.size !== tag.members.size) {
		const ids = [...tag.members];
		cached = { size: ids.length, ids, pos: new Map(ids.map((id, i) => [id, i])) };
		memberLists.set(tag.members, cached);
	}
	return cached;
}

function tagFans(ctx: RouteContext): Reply {
	const tag = ctx.account.tags.get(Number(ctx.json.tagid));
	if (!tag) return fail(45159, 'invalid tag id');
	const { ids, pos } = memberList(tag);
	const next = nonEmptyString(ctx.json.next_openid) ? ctx.json.next_openid : undefined;
	const quirks = ctx.state.quirks;
	return page(ids, (id) => pos.get(id) ?? -1, next, quirks.tagPageSize, quirks);
}

function tagsGet(ctx: RouteContext): Reply {
	const tags = [...ctx.account.tags.values()].map((t) => ({
		id: t.id,
		name: t.name,
		count: t.members.size,
	}));
	return ok({ tags });
}

function tagName(account: FakeAccount, name: unknown, exceptId?: number): string | Reply {
	if (!nonEmptyString(name)) return fail(45157, 'invalid tag name');
	if ([...name].length > 30) return fail(45158, 'tag name too long');
	for (const tag of account.tags.values()) {
		if (tag.name === name && tag.id !== exceptId) return fail(45157, 'invalid tag name');
	}
	return name;
}

function tagsCreate(ctx: RouteContext): Reply {
	const { account } = ctx;
	const name = tagName(account, isRecord(ctx.json.tag) ? ctx.json.tag.name : undefined);
	if (typeof name !== 'string') return name;
	const custom = [...account.tags.keys()].filter((id) => !RESERVED_TAG_IDS.includes(id));
	if (custom.length >= account.limits.maxTags) {
		return fail(45056, 'too many tags now, no need to add new');
	}
	const id = Math.max(FIRST_CUSTOM_TAG_ID - 1, ...custom) + 1;
	account.addTag({ id, name, members: [] });
	return ok({ tag: { id, name } });
}

function existingCustomTag(account: FakeAccount, value: unknown): FakeTag | Reply {
	const id = isRecord(value) ? Number(value.id) : NaN;
	if (RESERVED_TAG_IDS.includes(id)) return fail(45058, "can't modify sys tag");
	return account.tags.get(id) ?? fail(45159, 'invalid tag id');
}

function tagsUpdate(ctx: RouteContext): Reply {
	const tag = existingCustomTag(ctx.account, ctx.json.tag);
	if ('status' in tag) return tag;
	const name = tagName(ctx.account, isRecord(ctx.json.tag) ? ctx.json.tag.name : undefined, tag.id);
	if (typeof name !== 'string') return name;
	tag.name = name;
	return ok({ errcode: 0, errmsg: 'ok' });
}

function tagsDelete(ctx: RouteContext): Reply {
	const tag = existingCustomTag(ctx.account, ctx.json.tag);
	if ('status' in tag) return tag;
	if (tag.members.size > MAX_DELETABLE_TAG_MEMBERS) {
		return fail(45057, "can't delete the tag that has too much fans");
	}
	ctx.account.tags.delete(tag.id);
	return ok({ errcode: 0, errmsg: 'ok' });
}

function tagging(ctx: RouteContext, add: boolean): Reply {
	const { account, json } = ctx;
	const list = json.openid_list;
	if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TAGGING_BATCH) {
		return fail(40032, 'invalid openid list size');
	}
	const tag = account.tags.get(Number(json.tagid));
	if (!tag) return fail(45159, 'invalid tag id');
	if (!list.every((id) => typeof id === 'string' && account.isFollower(id))) {
		return fail(40003, 'invalid openid');
	}
	if (add) {
		const limit = account.limits.tagsPerFollower;
		const full = list.some((id) => !tag.members.has(id) && account.tagsOf(id).length >= limit);
		if (full) return fail(45059, 'has too many tags');
	}
	for (const id of list as string[]) {
		if (add) tag.members.add(id);
		else tag.members.delete(id);
	}
	return ok({ errcode: 0, errmsg: 'ok' });
}

function tagIdList(ctx: RouteContext): Reply {
	const openid = ctx.json.openid;
	if (!nonEmptyString(openid) || !ctx.account.isFollower(openid))
		return fail(40003, 'invalid openid');
	return ok({ tagid_list: ctx.account.tagsOf(openid) });
}

export const audienceRoutes: RouteTable = {
	'/cgi-bin/user/get': { method: 'ANY', auth: true, body: 'none', handle: userGet },
	'/cgi-bin/user/tag/get': { method: 'POST', auth: true, body: 'json', handle: tagFans },
	'/cgi-bin/tags/get': { method: 'ANY', auth: true, body: 'none', handle: tagsGet },
	'/cgi-bin/tags/create': { method: 'POST', auth: true, body: 'json', handle: tagsCreate },
	'/cgi-bin/tags/update': { method: 'POST', auth: true, body: 'json', handle: tagsUpdate },
	'/cgi-bin/tags/delete': { method: 'POST', auth: true, body: 'json', handle: tagsDelete },
	'/cgi-bin/tags/members/batchtagging': {
		method: 'POST',
		auth: true,
		body: 'json',
		handle: (ctx) => tagging(ctx, true),
	},
	'/cgi-bin/tags/members/batchuntagging': {
		method: 'POST',
		auth: true,
		body: 'json',
		handle: (ctx) => tagging(ctx, false),
	},
	'/cgi-bin/tags/getidlist': { method: 'POST', auth: true, body: 'json', handle: tagIdList },
};
