import { createHash } from 'node:crypto';

import type { FakeAccount } from './account';
import { monthKey } from './clock';
import type { FollowerStore } from './followers';
import type { MassJob, MassStatus } from './types';

/** What a validated sendall/send hands to the ledger. */
export interface JobRequest {
	api: 'sendall' | 'send';
	msgtype: string;
	msgKey: string;
	mediaIds: string[];
	body: Record<string, unknown>;
	clientmsgid: string;
	clientmsgidDerived: boolean;
	isToAll: boolean;
	tagId?: number;
	/** Distinct follower positions of the audience. */
	audience: number[];
	sendIgnoreReprint: number;
	articleCount: number;
}

/** Timers may fire a hair before Date.now() reaches the finish time. */
const FINISH_TIMER_SLACK_MS = 5;

const EVENT_STATUS = /^(send success|send fail|err\(\d+\))$/;

/**
 * Mass jobs of one account. Accepting a job records one delivery per follower left after the
 * 4-per-month filter; that count is what tests assert "each follower got it exactly once" on.
 */
export class MassLedger {
	readonly jobs = new Map<string, MassJob>();
	/** Outcomes the next finishing jobs take, in order; empty means `send success`. */
	readonly outcomes: string[] = [];
	readonly clientMsgIds = new Map<string, { msgId: string; at: number }>();
	private readonly pending = new Set<string>();
	private readonly msgDataIdByMedia = new Map<string, string>();
	private readonly recipientSets = new WeakMap<MassJob, Set<string>>();

	constructor(
		private readonly account: FakeAccount,
		private readonly store: FollowerStore,
	) {}

	/** The job a clientmsgid already produced within the detection window. */
	priorSubmission(clientmsgid: string): { msgId: string; at: number } | undefined {
		const seen = this.clientMsgIds.get(clientmsgid);
		const window = this.account.shared.quirks.clientMsgIdWindowMs;
		return seen && this.account.now - seen.at < window ? seen : undefined;
	}

	submit(request: JobRequest): MassJob {
		const { account, store } = this;
		const now = account.now;
		const month = monthKey(now);
		const cap = account.limits.receiptsPerFollowerPerMonth;
		const filtered =
			account.type === 'service'
				? request.audience.filter((i) => store.receiptsThisMonth(i, month) < cap)
				: request.audience;
		store.deliver(filtered, request.msgKey, month);

		const ids = account.shared.ids;
		const msgId = ids.nextMsgId();
		const mpnewsMedia = request.msgtype === 'mpnews' ? request.mediaIds[0] : undefined;
		const msgDataId = mpnewsMedia ? this.msgDataIdFor(mpnewsMedia) : undefined;
		const delay = account.shared.quirks.jobFinishDelayMs;
		const followers = store.ids;
		const job: MassJob = {
			msgId,
			msgDataId,
			appId: account.appId,
			api: request.api,
			msgtype: request.msgtype,
			msgKey: request.msgKey,
			mediaIds: request.mediaIds,
			body: request.body,
			clientmsgid: request.clientmsgid,
			clientmsgidDerived: request.clientmsgidDerived,
			isToAll: request.isToAll,
			tagId: request.tagId,
			recipients: filtered.map((i) => followers[i]),
			totalCount: request.audience.length,
			filterCount: filtered.length,
			sentCount: 0,
			errorCount: 0,
			status: 'SENDING',
			createdAt: now,
			finishAt: delay === null ? null : now + delay,
			sendIgnoreReprint: request.sendIgnoreReprint,
			articleCount: request.articleCount,
			articleUrls: msgDataId ? this.articleUrls(msgDataId, request.articleCount) : [],
			deletedArticles: [],
		};
		this.jobs.set(msgId, job);
		this.clientMsgIds.set(request.clientmsgid, { msgId, at: now });
		if (delay !== null) {
			this.pending.add(msgId);
			account.shared.later(() => this.sweep(), delay + FINISH_TIMER_SLACK_MS);
		}
		return job;
	}

	/** Finishes every job whose finish time (fake clock) has come. */
	sweep(): void {
		const now = this.account.now;
		for (const msgId of this.pending) {
			const job = this.jobs.get(msgId);
			if (job && job.finishAt !== null && job.finishAt <= now) this.finish(msgId);
		}
	}

	/**
	 * Ends a SENDING job. `status` is a MASSSENDJOBFINISH Status (`send success`, `send fail`,
	 * `err(N)`) or SEND_SUCCESS / SEND_FAIL; default: the next queued outcome or success.
	 */
	finish(msgId: string, status?: string): MassJob {
		const job = this.jobs.get(String(msgId));
		if (!job) throw new Error(`no mass job ${msgId} on ${this.account.appId}`);
		if (job.status !== 'SENDING') return job;
		this.pending.delete(job.msgId);

		const outcome = normaliseOutcome(status ?? this.outcomes.shift() ?? 'send success');
		job.finishStatus = outcome;
		job.status = outcome === 'send success' ? 'SEND_SUCCESS' : 'SEND_FAIL';
		job.sentCount = outcome === 'send success' ? job.filterCount : 0;
		job.errorCount = outcome === 'send fail' ? job.filterCount : 0;
		job.finishedAt = this.account.now;
		this.account.emit('jobFinished', job);
		return job;
	}

	/** Marks the job, and every job sharing its material, deleted (wechat-api.md §B.8). */
	markDeleted(job: MassJob, articleIdx: number): void {
		const shared = job.msgDataId
			? [...this.jobs.values()].filter((j) => j.msgDataId === job.msgDataId)
			: [job];
		for (const j of shared) {
			if (articleIdx === 0) j.status = 'DELETE' as MassStatus;
			else if (!j.deletedArticles.includes(articleIdx)) j.deletedArticles.push(articleIdx);
		}
	}

	recipientSet(job: MassJob): Set<string> {
		let set = this.recipientSets.get(job);
		if (!set) {
			set = new Set(job.recipients);
			this.recipientSets.set(job, set);
		}
		return set;
	}

	/** All sends of one material share its msg_data_id and article URLs. */
	private msgDataIdFor(mediaId: string): string {
		let id = this.msgDataIdByMedia.get(mediaId);
		if (!id) {
			id = this.account.shared.ids.nextMsgDataId();
			this.msgDataIdByMedia.set(mediaId, id);
		}
		return id;
	}

	private articleUrls(msgDataId: string, count: number): string[] {
		const accountNumber = 3_000_000_000 + parseInt(md5(this.account.appId).slice(0, 7), 16);
		const biz = Buffer.from(String(accountNumber)).toString('base64');
		return Array.from({ length: count }, (_, i) => {
			const sn = md5(`${msgDataId}-${i + 1}`);
			return `http://mp.weixin.qq.com/s?__biz=${biz}&mid=${msgDataId}&idx=${i + 1}&sn=${sn}#rd`;
		});
	}
}

function md5(text: string): string {
	return createHash('md5').update(text).digest('hex');
}

function normaliseOutcome(status: string): string {
	if (status === 'SEND_SUCCESS') return 'send success';
	if (status === 'SEND_FAIL') return 'send fail';
	if (!EVENT_STATUS.test(status)) throw new Error(`unknown mass job outcome ${status}`);
	return status;
}
