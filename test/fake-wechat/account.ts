/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';

import { dayKey, minuteKey, monthKey, type FakeClock } from './clock';
import { defaultLimits } from './defaults';
import { FollowerStore, generateOpenIds } from './followers';
import type { IdSource } from './ids';
import { MassLedger } from './ledger';
import { AccountTokens, type TokenRegistry } from './tokens';
import type {
	AccountLimits,
	AccountOptions,
	AccountType,
	DraftRecord,
	MassJob,
	MediaKind,
	MediaRecord,
	PreviewRecord,
	Quirks,
	TagSeed,
} from './types';

/** Server-wide things every account needs. */
export interface Shared {
	clock: FakeClock;
	quirks: Quirks;
	ids: IdSource;
	tokens: TokenRegistry;
	/** Runs fn after ms of real time unless the server closed meanwhile. */
	later(fn: () => void, ms: number): void;
}

export interface FakeTag {
	id: number;
	name: string;
	members: Set<string>;
}

const TEMP_MEDIA_LIFETIME_MS = 3 * 86_400_000;
export const RESERVED_TAG_IDS = [0, 1, 2];

type Period = 'day' | 'minute' | 'month';

/** State of one AppID: credentials, tokens, audience, media, drafts and mass jobs. */
export class FakeAccount extends EventEmitter {
	readonly appId: string;
	appSecret: string;
	type: AccountType;
	verified: boolean;
	/** null disables the check; otherwise the caller's IPv4 (or ::1) must be listed. */
	ipWhitelist: string[] | null;
	/** AppSecret frozen in the console → 40243 on token calls. */
	secretFrozen = false;
	/** Risky-call protection → 89503 on token calls while true. */
	requireAdminConfirmation = false;
	readonly limits: AccountLimits = defaultLimits();

	/** Every stable_token request naming this AppID, whatever its outcome. */
	stableTokenCalls = 0;
	/** Those among them with `force_refresh: true`. */
	stableTokenForced = 0;
	/** Every /cgi-bin/token request naming this AppID. */
	classicTokenCalls = 0;

	readonly tokens: AccountTokens;
	readonly tags = new Map<number, FakeTag>();
	readonly media = new Map<string, MediaRecord>();
	readonly drafts = new Map<string, DraftRecord>();
	readonly previews: PreviewRecord[] = [];
	readonly uploadedImageUrls = new Set<string>();
	/** speed/set level 0..4. */
	speed = 0;
	readonly ledger: MassLedger;

	private readonly store: FollowerStore;
	private readonly usage = new Map<string, { period: string; count: number }>();

	constructor(
		options: AccountOptions,
		readonly shared: Shared,
	) {
		super();
		this.appId = options.appId;
		this.appSecret = options.appSecret;
		this.type = options.type ?? 'service';
		this.verified = options.verified ?? true;
		this.ipWhitelist = options.ipWhitelist ?? null;
		const followers = options.followers ?? 0;
		this.store = new FollowerStore(
			typeof followers === 'number' ? generateOpenIds(this.appId, followers) : followers,
		);
		this.tokens = new AccountTokens(
			this.appId,
			shared.tokens,
			shared.ids,
			shared.quirks,
			() => this.limits.tokenTtlSeconds,
		);
		this.ledger = new MassLedger(this, this.store);
		this.tags.set(2, { id: 2, name: '星标组', members: new Set() });
		for (const tag of options.tags ?? []) this.addTag(tag);
	}

	override on(event: 'jobFinished', listener: (job: MassJob) => void): this {
		return super.on(event, listener);
	}

	override once(event: 'jobFinished', listener: (job: MassJob) => void): this {
		return super.once(event, listener);
	}

	override off(event: 'jobFinished', listener: (job: MassJob) => void): this {
		return super.off(event, listener);
	}

	get now(): number {
		return this.shared.clock.now();
	}

	get followers(): string[] {
		return this.store.ids;
	}

	set followers(ids: string[]) {
		this.store.replace(ids);
	}

	/** Appends OpenIDs, or that many more generated ones. */
	addFollowers(ids: string[] | number): string[] {
		const added =
			typeof ids === 'number' ? generateOpenIds(this.appId, ids, this.followers.length) : ids;
		this.store.add(added);
		return added;
	}

	removeFollowers(ids: string[]): void {
		this.store.remove(ids);
		for (const tag of this.tags.values()) for (const id of ids) tag.members.delete(id);
	}

	isFollower(openid: string): boolean {
		return this.store.has(openid);
	}

	/** Position in the follower list (user/get order), -1 for strangers. */
	followerIndex(openid: string): number {
		return this.store.indexOf(openid);
	}

	get jobs(): Map<string, MassJob> {
		return this.ledger.jobs;
	}

	/** How many mass messages this follower received in total. */
	deliveries(openid: string): number {
		return this.store.deliveries(openid);
	}

	/** Deliveries of one message (a msgKey such as `text:hi`, or a msg_id) or of all messages. */
	deliveriesOf(openid: string, msgKey?: string): number {
		if (msgKey === undefined) return this.store.deliveries(openid);
		const job = this.ledger.jobs.get(msgKey);
		if (job) return this.ledger.recipientSet(job).has(openid) ? 1 : 0;
		return this.store.deliveriesOfMessage(openid, msgKey);
	}

	receiptsThisMonth(openid: string): number {
		return this.store.receiptsThisMonth(this.store.indexOf(openid), monthKey(this.now));
	}

	/** Simulates sends from the web console that count towards the 4-per-month cap. */
	setReceiptsThisMonth(openid: string, count: number): void {
		this.store.setReceiptsThisMonth(openid, monthKey(this.now), count);
	}

	finishJob(msgId: string, status?: string): MassJob {
		return this.ledger.finish(msgId, status);
	}

	/** Queue of outcomes (`send fail`, `err(30001)`, …) the next finishing jobs take. */
	get jobOutcomes(): string[] {
		return this.ledger.outcomes;
	}

	currentStableToken(): string {
		return this.tokens.stableNormal(this.now).value;
	}

	currentClassicToken(): string {
		const classic = this.tokens.classic;
		if (classic && classic.graceUntil === null && this.now < classic.expiresAt)
			return classic.value;
		return this.tokens.issueClassic(this.now).value;
	}

	/** The current stable token expires now (→ 42001); the next normal call mints another. */
	expireStableToken(): void {
		if (this.tokens.stable) this.tokens.stable.expiresAt = this.now;
	}

	/** A third party forced a refresh: new token, the old dies after stableForceGraceMs. */
	rotateStableToken(): string {
		return this.tokens.stableForce(this.now).value;
	}

	revokeToken(token: string): void {
		const record = this.shared.tokens.find(token);
		if (record && record.appId === this.appId) record.revoked = true;
	}

	/** Increments a quota counter for the current day/minute/month and returns the new count. */
	count(name: string, period: Period = 'day'): number {
		const key = this.periodKey(period);
		const entry = this.usage.get(name);
		const count = entry && entry.period === key ? entry.count + 1 : 1;
		this.usage.set(name, { period: key, count });
		return count;
	}

	used(name: string, period: Period = 'day'): number {
		const entry = this.usage.get(name);
		return entry && entry.period === this.periodKey(period) ? entry.count : 0;
	}

	/** What /cgi-bin/clear_quota does: every daily counter starts again from zero. */
	resetDailyUsage(): void {
		const today = this.periodKey('day');
		for (const [name, entry] of this.usage) if (entry.period === today) this.usage.delete(name);
	}

	/** Adds (or replaces) a tag; a numeric `members` takes the first N followers. */
	addTag(seed: TagSeed): FakeTag {
		const members =
			typeof seed.members === 'number' ? this.followers.slice(0, seed.members) : seed.members;
		const tag: FakeTag = { id: seed.id, name: seed.name, members: new Set(members) };
		this.tags.set(seed.id, tag);
		return tag;
	}

	tagsOf(openid: string): number[] {
		return [...this.tags.values()].filter((t) => t.members.has(openid)).map((t) => t.id);
	}

	/** Test seeding without going through multipart: returns the stored record. */
	seedMedia(o: {
		kind: MediaKind;
		permanent?: boolean;
		size?: number;
		articles?: Record<string, unknown>[];
		sourceMediaId?: string;
	}): MediaRecord {
		const permanent = o.permanent ?? false;
		return this.storeMedia({
			kind: o.kind,
			permanent,
			size: o.size ?? 1024,
			sha256: createHash('sha256').update(`${o.kind}-${this.media.size}`).digest('hex'),
			articles: o.articles,
			sourceMediaId: o.sourceMediaId,
		});
	}

	storeMedia(o: Omit<MediaRecord, 'mediaId' | 'createdAt' | 'expiresAt'>): MediaRecord {
		const now = this.now;
		const record: MediaRecord = {
			...o,
			mediaId: this.shared.ids.mediaId(o.permanent),
			createdAt: now,
			expiresAt: o.permanent ? null : now + TEMP_MEDIA_LIFETIME_MS,
		};
		this.media.set(record.mediaId, record);
		return record;
	}

	/** A live (unexpired) media record, or undefined. */
	liveMedia(mediaId: string): MediaRecord | undefined {
		const record = this.media.get(mediaId);
		if (!record || (record.expiresAt !== null && this.now >= record.expiresAt)) return undefined;
		return record;
	}

	/** Test seeding: a draft with one news article whose cover is a fresh permanent thumb. */
	seedDraft(articles?: Record<string, unknown>[]): DraftRecord {
		const list = articles ?? [
			{
				title: 'Fake article',
				content: '<p>Hello from the fake WeChat.</p>',
				thumb_media_id: this.seedMedia({ kind: 'image', permanent: true }).mediaId,
			},
		];
		return this.storeDraft(list);
	}

	storeDraft(articles: Record<string, unknown>[]): DraftRecord {
		const draft: DraftRecord = {
			mediaId: this.shared.ids.mediaId(true),
			articles,
			createdAt: this.now,
		};
		this.drafts.set(draft.mediaId, draft);
		return draft;
	}

	/** A draft still in the draft box. */
	liveDraft(mediaId: string): DraftRecord | undefined {
		const draft = this.drafts.get(mediaId);
		return draft && draft.removedAt === undefined ? draft : undefined;
	}

	private periodKey(period: Period): string {
		const now = this.now;
		if (period === 'minute') return minuteKey(now);
		if (period === 'month') return monthKey(now);
		return dayKey(now);
	}
}
