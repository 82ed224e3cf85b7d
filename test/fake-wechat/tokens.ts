import type { IdSource } from './ids';
import type { Quirks } from './types';

export interface TokenRecord {
	value: string;
	appId: string;
	kind: 'classic' | 'stable';
	issuedAt: number;
	expiresAt: number;
	/** Set once a newer token superseded this one; the token dies at this instant. */
	graceUntil: number | null;
	revoked: boolean;
}

export const NOT_LATEST_ERRMSG =
	'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r';

/** Every token any account of this fake issued, so a business call can find its account. */
export class TokenRegistry {
	private readonly byValue = new Map<string, TokenRecord>();

	register(record: TokenRecord): void {
		this.byValue.set(record.value, record);
	}

	find(value: string): TokenRecord | undefined {
		return this.byValue.get(value);
	}
}

export type TokenCheck =
	| { ok: true; record: TokenRecord }
	| { ok: false; errcode: number; errmsg: string; record?: TokenRecord };

/** The check WeChat runs on `access_token` before any business API (wechat-api.md §A.3). */
export function checkToken(
	registry: TokenRegistry,
	value: string | undefined,
	now: number,
	quirks: Quirks,
): TokenCheck {
	if (!value) return { ok: false, errcode: 41001, errmsg: 'access_token missing' };
	const record = registry.find(value);
	if (!record) {
		const errcode = quirks.unknownTokenErrcode;
		return {
			ok: false,
			errcode,
			errmsg: errcode === 40014 ? 'invalid access_token' : NOT_LATEST_ERRMSG,
		};
	}
	if (record.revoked) return { ok: false, errcode: 40001, errmsg: NOT_LATEST_ERRMSG, record };
	if (now >= record.expiresAt) {
		return { ok: false, errcode: 42001, errmsg: 'access_token expired', record };
	}
	if (record.graceUntil !== null && now >= record.graceUntil) {
		return { ok: false, errcode: 40001, errmsg: NOT_LATEST_ERRMSG, record };
	}
	return { ok: true, record };
}

export function isUsable(record: TokenRecord, now: number): boolean {
	return (
		!record.revoked &&
		now < record.expiresAt &&
		(record.graceUntil === null || now < record.graceUntil)
	);
}

/**
 * Token state of one AppID. The classic and the stable token live in separate namespaces:
 * minting one never touches the other (wechat-api.md §A.1).
 */
export class AccountTokens {
	classic: TokenRecord | null = null;
	stable: TokenRecord | null = null;
	lastForceAt: number | null = null;
	minted = { classic: 0, stable: 0 };

	constructor(
		private readonly appId: string,
		private readonly registry: TokenRegistry,
		private readonly ids: IdSource,
		private readonly quirks: Quirks,
		private readonly ttlSeconds: () => number,
	) {}

	/** Each /cgi-bin/token success mints; the previous token works for classicGraceMs more. */
	issueClassic(now: number): TokenRecord {
		if (this.classic && this.classic.graceUntil === null) {
			this.classic.graceUntil = now + this.quirks.classicGraceMs;
		}
		this.classic = this.mint('classic', now);
		return this.classic;
	}

	/**
	 * Normal mode: the same token while it has more than stableRotateBeforeMs left; then the next
	 * one, while the old keeps working until its own expiry.
	 */
	stableNormal(now: number): TokenRecord {
		const current = this.stable;
		if (!current || !isUsable(current, now)) {
			this.stable = this.mint('stable', now);
		} else if (current.expiresAt - now < this.quirks.stableRotateBeforeMs) {
			this.stable = this.mint('stable', now);
		}
		return this.stable as TokenRecord;
	}

	/** A force sooner than stableForceSpacingMs after the last one does not refresh. */
	forceBlockedBySpacing(now: number): boolean {
		return this.lastForceAt !== null && now - this.lastForceAt < this.quirks.stableForceSpacingMs;
	}

	stableForce(now: number): TokenRecord {
		if (this.stable && this.stable.graceUntil === null) {
			this.stable.graceUntil = now + this.quirks.stableForceGraceMs;
		}
		this.lastForceAt = now;
		this.stable = this.mint('stable', now);
		return this.stable;
	}

	private mint(kind: 'classic' | 'stable', now: number): TokenRecord {
		const record: TokenRecord = {
			value: this.ids.token(kind),
			appId: this.appId,
			kind,
			issuedAt: now,
			expiresAt: now + this.ttlSeconds() * 1000,
			graceUntil: null,
			revoked: false,
		};
		this.registry.register(record);
		this.minted[kind]++;
		return record;
	}
}
