import type { FakeAccount } from './account';
import { isRecord } from './route';
import type { FakeWeChatServer } from './server';
import type { AccountOptions, InjectionRule, MassJob, MediaKind } from './types';
import type { Reply } from './wire';

/**
 * Test-control API under /__fake/ for when the fake runs as its own process (sandbox, real-n8n
 * e2e). Mirrors the in-process hooks; these requests are not written to the request log.
 */

type Handler = (fake: FakeWeChatServer, input: Record<string, unknown>) => unknown;

function without<T extends object>(value: T, ...keys: (keyof T)[]): Record<string, unknown> {
	const copy = { ...value } as Record<string, unknown>;
	for (const key of keys) delete copy[key as string];
	return copy;
}

/** Jobs without their recipient list and body, which can be a million entries. */
function summariseJob(job: MassJob): Record<string, unknown> {
	return without(job, 'recipients', 'body');
}

function accountOf(fake: FakeWeChatServer, input: Record<string, unknown>): FakeAccount {
	return fake.account(String(input.appId));
}

function summariseAccount(account: FakeAccount): Record<string, unknown> {
	return {
		appId: account.appId,
		type: account.type,
		verified: account.verified,
		ipWhitelist: account.ipWhitelist,
		secretFrozen: account.secretFrozen,
		requireAdminConfirmation: account.requireAdminConfirmation,
		followers: account.followers.length,
		tags: [...account.tags.values()].map((t) => ({
			id: t.id,
			name: t.name,
			count: t.members.size,
		})),
		stableTokenCalls: account.stableTokenCalls,
		stableTokenForced: account.stableTokenForced,
		classicTokenCalls: account.classicTokenCalls,
		speed: account.speed,
		limits: account.limits,
		jobs: [...account.jobs.values()].map(summariseJob),
		previews: account.previews,
		media: [...account.media.values()].map((m) => without(m, 'articles')),
		drafts: [...account.drafts.values()].map(({ articles, ...d }) => ({
			...d,
			articles: articles.length,
		})),
	};
}

/** How many followers got a message (msgKey or msg_id) 0, 1 or more times. */
function deliverySummary(account: FakeAccount, msgKey: string | undefined): Record<string, number> {
	const summary = { followers: account.followers.length, none: 0, once: 0, moreThanOnce: 0 };
	for (const openid of account.followers) {
		const n = account.deliveriesOf(openid, msgKey);
		if (n === 0) summary.none++;
		else if (n === 1) summary.once++;
		else summary.moreThanOnce++;
	}
	return summary;
}

const SETTABLE = [
	'type',
	'verified',
	'ipWhitelist',
	'secretFrozen',
	'requireAdminConfirmation',
	'appSecret',
];

const HANDLERS: Record<string, Handler> = {
	'GET /__fake/health': () => ({ ok: true }),
	'POST /__fake/accounts': (fake, input) =>
		summariseAccount(fake.addAccount(input as unknown as AccountOptions)),
	'GET /__fake/account': (fake, input) => summariseAccount(accountOf(fake, input)),
	'POST /__fake/account': (fake, input) => {
		const account = accountOf(fake, input);
		for (const key of SETTABLE) if (key in input) Object.assign(account, { [key]: input[key] });
		if (isRecord(input.limits)) Object.assign(account.limits, input.limits);
		return summariseAccount(account);
	},
	'GET /__fake/deliveries': (fake, input) => {
		const account = accountOf(fake, input);
		const msgKey = typeof input.msgKey === 'string' ? input.msgKey : undefined;
		if (typeof input.openid === 'string') {
			return { openid: input.openid, deliveries: account.deliveriesOf(input.openid, msgKey) };
		}
		return deliverySummary(account, msgKey);
	},
	'POST /__fake/jobs/finish': (fake, input) => {
		const job = accountOf(fake, input).finishJob(
			String(input.msgId),
			input.status as string | undefined,
		);
		return summariseJob(job);
	},
	'POST /__fake/jobs/outcomes': (fake, input) => {
		const outcomes = accountOf(fake, input).jobOutcomes;
		if (Array.isArray(input.outcomes)) outcomes.push(...input.outcomes.map(String));
		return { outcomes };
	},
	'GET /__fake/events': (fake, input) => {
		const since = Number(input.since ?? 0);
		return {
			events: fake.finishedJobs
				.filter((e) => e.seq > since)
				.map((e) => ({
					seq: e.seq,
					job: summariseJob(fake.account(e.appId).jobs.get(e.msgId) as MassJob),
				})),
		};
	},
	'POST /__fake/clock/advance': (fake, input) => {
		fake.clock.advance(Number(input.ms ?? 0));
		return { now: fake.clock.now() };
	},
	'POST /__fake/quirks': (fake, input) => Object.assign(fake.quirks, input),
	'POST /__fake/inject': (fake, input) => {
		fake.inject(input as unknown as InjectionRule);
		return { pending: fake.pendingInjections().length };
	},
	'POST /__fake/latency': (fake, input) => {
		fake.setLatency(Number(input.ms ?? 0));
		return { ok: true };
	},
	'POST /__fake/token/expire': (fake, input) => {
		accountOf(fake, input).expireStableToken();
		return { ok: true };
	},
	'POST /__fake/token/rotate': (fake, input) => ({
		token: accountOf(fake, input).rotateStableToken(),
	}),
	'POST /__fake/token/revoke': (fake, input) => {
		accountOf(fake, input).revokeToken(String(input.token));
		return { ok: true };
	},
	'GET /__fake/token/current': (fake, input) => ({
		token: accountOf(fake, input).currentStableToken(),
	}),
	'POST /__fake/media/seed': (fake, input) => ({
		media_id: accountOf(fake, input).seedMedia({
			kind: String(input.kind ?? 'image') as MediaKind,
			permanent: input.permanent === true,
		}).mediaId,
	}),
	'POST /__fake/drafts/seed': (fake, input) => ({
		media_id: accountOf(fake, input).seedDraft().mediaId,
	}),
	'GET /__fake/log': (fake, input) =>
		fake.log
			.filter((e) => input.path === undefined || e.path === input.path)
			.filter((e) => input.appId === undefined || e.appId === input.appId)
			.map(({ rawBody, ...e }) => ({ ...e, bodyBytes: rawBody.length })),
	'POST /__fake/log/clear': (fake) => {
		fake.clearLog();
		return { ok: true };
	},
};

export function handleControl(
	fake: FakeWeChatServer,
	method: string,
	url: URL,
	rawBody: Buffer,
): Reply {
	const handler = HANDLERS[`${method} ${url.pathname}`];
	if (!handler)
		return { status: 404, body: { error: `no control endpoint ${method} ${url.pathname}` } };
	let input: Record<string, unknown> = Object.fromEntries(url.searchParams);
	try {
		if (rawBody.length > 0) {
			const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
			if (isRecord(parsed)) input = { ...input, ...parsed };
		}
		const result = handler(fake, input);
		return {
			status: 200,
			body: (isRecord(result) ? result : { result }) as Record<string, unknown>,
		};
	} catch (error) {
		return { status: 400, body: { error: (error as Error).message } };
	}
}
