import { createHash } from 'node:crypto';

import type { AppCredentials, HttpRequest, StableToken } from './stableToken';
import { fetchStableToken, normaliseBaseUrl, WeChatTokenError } from './stableToken';

/**
 * Refresh when less than this is left. The stable endpoint starts handing out the next token
 * in the last 300 s of the current one, so a margin below 300 s always yields a new token;
 * a larger margin would fetch the same old token again and again.
 */
export const REFRESH_MARGIN_MS = 240_000;

/** WeChat ignores a second force_refresh within 30 s and allows 20 a day. */
const FORCE_SPACING_MS = 30_000;
const FORCE_DAILY_CAP = 20;
const DAY_MS = 86_400_000;

export interface TokenCredentialData extends AppCredentials {
	accessToken?: string;
	expiresAt?: number | string;
	issuedFor?: string;
	forcedRefreshLog?: string;
	/** Set by the transport (never stored) when WeChat has just refused this token. */
	rejectedAccessToken?: string;
}

/** What preAuthentication returns; n8n persists exactly these keys in its database. */
export interface TokenGrant {
	accessToken: string;
	expiresAt: number;
	issuedFor: string;
	forcedRefreshLog?: string;
}

interface Memo {
	token: string;
	expiresAt: number;
	/**
	 * Tokens this one is known to be newer than: the memo it replaced and the token whose refusal
	 * made us fetch it. A token outside this list may be newer than the memo (fetched by another
	 * process), so it is never answered from memory.
	 */
	replaces: string[];
}

const REPLACED_KEPT = 16;

/**
 * Per-process memory shared by every execution and item of this n8n process. n8n's credential
 * store is the cross-process cache (preAuthentication results are persisted and read fresh by
 * every worker); this adds what n8n lacks: one in-flight fetch per AppID, and the knowledge of
 * which token is newest so that a caller holding a token WeChat has just refused gets the new
 * one without a second fetch.
 */
const memos = new Map<string, Memo>();
const inFlight = new Map<string, Promise<Memo>>();
const forcesInProcess = new Map<string, number[]>();

/** Identifies base URL + AppID + AppSecret without keeping the secret around. */
export function issuerKeyOf(app: AppCredentials): string {
	const digest = createHash('sha256')
		.update(`${normaliseBaseUrl(app.baseUrl)}\n${app.appId.trim()}\n${app.appSecret.trim()}`)
		.digest('hex');
	return digest.slice(0, 24);
}

export function expiresAtOf(data: TokenCredentialData): number {
	const value = Number(data.expiresAt);
	return Number.isFinite(value) ? value : 0;
}

/** True when the stored token cannot be used as it is: missing, for other settings, or expiring. */
export function storedTokenIsStale(data: TokenCredentialData, now = Date.now()): boolean {
	if (!data.accessToken) return true;
	if (data.issuedFor && data.issuedFor !== issuerKeyOf(data)) return true;
	const expiresAt = expiresAtOf(data);
	return expiresAt > 0 && expiresAt - now < REFRESH_MARGIN_MS;
}

export async function obtainToken(
	http: HttpRequest,
	data: TokenCredentialData,
): Promise<TokenGrant> {
	const owner = issuerKeyOf(data);
	const rejected = data.rejectedAccessToken || '';
	const held = rejected || data.accessToken || '';

	let memo = usableMemo(owner, held, rejected);
	if (!memo) memo = await joinOrStartFetch(owner, http, data, held);

	let forcedRefreshLog: string | undefined;
	if (rejected && memo.token === rejected) {
		// WeChat refused a token that the normal-mode endpoint still hands out: only a forced
		// refresh can cure that. It invalidates the token for every other user of the AppID, so
		// it is the last resort, spaced and capped as WeChat demands.
		memo = await joinOrStartFetch(owner, http, data, held, forceLog(owner, data.forcedRefreshLog));
		forcedRefreshLog = forceLog(owner, data.forcedRefreshLog).join(',');
	}

	const grant: TokenGrant = {
		accessToken: memo.token,
		expiresAt: memo.expiresAt,
		issuedFor: owner,
	};
	if (forcedRefreshLog) grant.forcedRefreshLog = forcedRefreshLog;
	return grant;
}

/** The memo, if it is fresh and at least as new as the token the caller holds or had refused. */
function usableMemo(owner: string, held: string, rejected: string): Memo | undefined {
	const memo = memos.get(owner);
	if (!memo || memo.token === rejected) return undefined;
	if (memo.expiresAt - Date.now() < REFRESH_MARGIN_MS) return undefined;
	if (held && memo.token !== held && !memo.replaces.includes(held)) return undefined;
	return memo;
}

function joinOrStartFetch(
	owner: string,
	http: HttpRequest,
	app: AppCredentials,
	held: string,
	forceLogBefore?: number[],
): Promise<Memo> {
	const force = forceLogBefore !== undefined;
	const flightKey = force ? `${owner}:force` : owner;
	const running = inFlight.get(flightKey);
	if (running) return running;

	const flight = (async () => {
		if (force) guardForce(forceLogBefore);
		const fetchedAt = Date.now();
		const stable: StableToken = await fetchStableToken(http, app, force);
		if (force) forcesInProcess.set(owner, [...forceLogBefore, fetchedAt]);
		const current = memos.get(owner);
		// A slow answer must not replace a token already known to be newer than it.
		if (current?.replaces.includes(stable.token)) return current;
		const replaced = [...(current?.replaces ?? []), current?.token ?? '', held];
		const memo: Memo = {
			token: stable.token,
			expiresAt: fetchedAt + stable.expiresIn * 1000,
			replaces: replaced.filter((t) => t && t !== stable.token).slice(-REPLACED_KEPT),
		};
		memos.set(owner, memo);
		return memo;
	})();
	inFlight.set(flightKey, flight);
	const clear = () => inFlight.delete(flightKey);
	flight.then(clear, clear);
	return flight;
}

/** Forced refreshes of the last 24 h, from the credential (all processes) and this process. */
function forceLog(owner: string, stored: string | undefined): number[] {
	const since = Date.now() - DAY_MS;
	const fromStore = (stored ?? '').split(',').map(Number);
	const merged = new Set([...fromStore, ...(forcesInProcess.get(owner) ?? [])]);
	return [...merged].filter((at) => Number.isFinite(at) && at > since).sort((a, b) => a - b);
}

function guardForce(log: number[]): void {
	const last = log[log.length - 1] ?? 0;
	if (Date.now() - last < FORCE_SPACING_MS) {
		throw new WeChatTokenError(
			40001,
			'WeChat refused an access token that was force-refreshed less than 30 seconds ago',
			"Another system is probably refreshing the token of this AppID at the same time. Wait a minute and run the workflow again; if it keeps happening, make sure only one system manages this AppID's token.",
		);
	}
	if (log.length >= FORCE_DAILY_CAP) {
		throw new WeChatTokenError(
			40001,
			'WeChat keeps refusing the access token and the 20 forced refreshes of today are used up',
			'Another system is invalidating the token of this AppID. Find it and let it stop force-refreshing; normal service resumes tomorrow at the latest.',
		);
	}
}

/** For tests: forget everything this process knows about tokens. */
export function resetTokenMemory(): void {
	memos.clear();
	inFlight.clear();
	forcesInProcess.clear();
}
