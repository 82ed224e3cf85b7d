import { FakeAccount } from './account';
import { NOT_LATEST_ERRMSG, type TokenRecord } from './tokens';
import {
	overDailyQuota,
	QUOTA_COUNTERS,
	QUOTA_EXCEEDED,
	type FakeState,
	type RouteContext,
	type RouteTable,
} from './route';
import { fail, ok, type Reply } from './wire';

interface CredentialFields {
	grant_type?: unknown;
	appid?: unknown;
	secret?: unknown;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; IPv6 addresses stay as they are. */
export function ipv4Of(remote: string): string | undefined {
	const v4 = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
	return /^\d+\.\d+\.\d+\.\d+$/.test(v4) ? v4 : undefined;
}

function whitelistRefusal(
	state: FakeState,
	account: FakeAccount,
	remote: string,
): Reply | undefined {
	if (account.ipWhitelist === null) return undefined;
	const v4 = ipv4Of(remote);
	if (account.ipWhitelist.includes(v4 ?? remote)) return undefined;
	if (state.quirks.ipNotWhitelistedErrcode === 61004) {
		return fail(61004, 'access clientip is not registered');
	}
	const shown = v4 ? `invalid ip ${v4} ipv6 ::ffff:${v4}` : `invalid ip ${remote} ipv6 ${remote}`;
	return fail(40164, `${shown}, not in whitelist`);
}

/**
 * The checks both token endpoints share, in the order a caller meets them: grant type,
 * AppID/secret presence, AppID, secret, frozen secret, IP whitelist, admin confirmation.
 */
function authenticate(
	ctx: RouteContext,
	fields: CredentialFields,
	onAccount: (account: FakeAccount) => void,
): FakeAccount | Reply {
	if (fields.grant_type !== 'client_credential') return fail(40002, 'invalid grant_type');
	if (typeof fields.appid !== 'string' || !fields.appid) return fail(41002, 'appid missing');
	if (typeof fields.secret !== 'string' || !fields.secret) return fail(41004, 'appsecret missing');

	const account = ctx.state.accounts.get(fields.appid);
	if (!account) return fail(40013, 'invalid appid');
	onAccount(account);
	if (fields.secret !== account.appSecret) {
		return ctx.state.quirks.wrongSecretErrcode === 40125
			? fail(40125, 'invalid appsecret')
			: fail(40001, NOT_LATEST_ERRMSG);
	}
	if (account.secretFrozen) return fail(40243, 'AppSecret已被冻结，请登录MP解冻后再次调用。');
	const refusal = whitelistRefusal(ctx.state, account, ctx.ip);
	if (refusal) return refusal;
	if (account.requireAdminConfirmation) {
		return fail(89503, '此次调用需要管理员确认，请耐心等候');
	}
	return account;
}

function tokenReply(record: TokenRecord, now: number): Reply {
	return ok({
		access_token: record.value,
		expires_in: Math.floor((record.expiresAt - now) / 1000),
	});
}

function classicToken(ctx: RouteContext): Reply {
	const outcome = authenticate(ctx, ctx.query, (a) => a.classicTokenCalls++);
	if (!(outcome instanceof FakeAccount)) return outcome;
	const account = outcome;

	const overQuota = overDailyQuota(
		account,
		QUOTA_COUNTERS.classicToken,
		account.limits.classicTokenPerDay,
	);
	if (overQuota) return overQuota;
	const now = account.now;
	return tokenReply(account.tokens.issueClassic(now), now);
}

/** Stable token: fields only in the JSON body; query-string fields are ignored (→ 41002). */
function stableToken(ctx: RouteContext): Reply {
	const force = ctx.json.force_refresh === true;
	const outcome = authenticate(ctx, ctx.json, (a) => {
		a.stableTokenCalls++;
		if (force) a.stableTokenForced++;
	});
	if (!(outcome instanceof FakeAccount)) return outcome;
	const account = outcome;
	const now = account.now;

	if (account.count('stableTokenMinute', 'minute') > account.limits.stableTokenPerMinute) {
		return fail(45009, QUOTA_EXCEEDED);
	}
	const overQuota = overDailyQuota(
		account,
		QUOTA_COUNTERS.stableToken,
		account.limits.stableTokenPerDay,
	);
	if (overQuota) return overQuota;

	if (!force || account.tokens.forceBlockedBySpacing(now)) {
		return tokenReply(account.tokens.stableNormal(now), now);
	}
	if (account.used(QUOTA_COUNTERS.stableForce) >= account.limits.stableForcePerDay) {
		return fail(45009, QUOTA_EXCEEDED);
	}
	account.count(QUOTA_COUNTERS.stableForce);
	return tokenReply(account.tokens.stableForce(now), now);
}

export const tokenRoutes: RouteTable = {
	'/cgi-bin/token': { method: 'ANY', auth: false, body: 'none', handle: classicToken },
	'/cgi-bin/stable_token': {
		method: 'POST',
		auth: false,
		body: 'optionalJson',
		handle: stableToken,
	},
};
