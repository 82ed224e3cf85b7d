import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { WeChatSession } from '../../transport/wechatApi';
import { callWeChat } from '../../transport/wechatApi';

export type BatchStatus = 'sent' | 'alreadySent' | 'tooFast' | 'failed' | 'notAttempted';

export interface BatchResult {
	batch: number;
	size: number;
	clientMsgId: string;
	status: BatchStatus;
	msgId?: string;
	msgDataId?: string;
	errcode?: number;
	errmsg?: string;
	/** Set when the failure was a lost connection rather than an answer from WeChat. */
	connectionLost?: boolean;
	attempts: number;
}

export interface RetryPolicy {
	/** Further attempts after -1, "system busy" or a lost connection. */
	maxRetries: number;
	/** First back-off; doubles with every retry. */
	backoffMs: number;
	/** Wait after 45011 (per-minute limit) before trying again. */
	minuteLimitWaitMs: number;
	/** Per request; a timeout counts as a lost connection. */
	timeoutMs: number;
}

/** Answers that mean "not accepted, nothing happened, try again later". */
const TRANSIENT = new Set([-1, 9500002]);
const MINUTE_LIMIT = 45011;
const ALREADY_SENT = 45065;
const TOO_FAST = 45066;

/**
 * Submits one mass-send request. Retrying is safe only because the body carries a
 * clientmsgid: if an earlier attempt did reach WeChat, the retry is refused as a repeat
 * (45066 within a minute, 45065 with the first msg_id after that) instead of broadcasting
 * twice. 45066 is handed back as `tooFast` so the caller can wait once for all such batches.
 */
export async function submitBatch(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: { action: string; path: string; body: IDataObject },
	result: BatchResult,
	policy: RetryPolicy,
	session?: WeChatSession,
): Promise<BatchResult> {
	let retriesLeft = policy.maxRetries;
	let minuteWaitsLeft = 2;
	let backoff = policy.backoffMs;
	for (;;) {
		result.attempts++;
		const outcome = await callWeChat(
			ctx,
			{
				action: request.action,
				method: 'POST',
				path: request.path,
				json: request.body,
				timeoutMs: policy.timeoutMs,
			},
			itemIndex,
			session,
		);

		if (outcome.kind === 'network') {
			result.connectionLost = true;
			result.errmsg = outcome.reason;
			if (retriesLeft-- > 0) {
				ctx.logger.debug('Mass send lost its connection; retrying under the same clientmsgid', {
					batch: result.batch,
				});
				await sleep(backoff);
				backoff *= 2;
				continue;
			}
			return { ...result, status: 'failed' };
		}

		const { errcode, errmsg, body } = outcome;
		result.connectionLost = undefined;
		if (errcode === 0) {
			return {
				...result,
				status: 'sent',
				msgId: body.msg_id === undefined ? undefined : String(body.msg_id),
				msgDataId: body.msg_data_id === undefined ? undefined : String(body.msg_data_id),
				errcode: undefined,
				errmsg: undefined,
			};
		}
		if (errcode === ALREADY_SENT) {
			return {
				...result,
				status: 'alreadySent',
				msgId: body.msg_id === undefined ? undefined : String(body.msg_id),
				errcode,
				errmsg,
			};
		}
		if (errcode === TOO_FAST) return { ...result, status: 'tooFast', errcode, errmsg };
		if (TRANSIENT.has(errcode) && retriesLeft-- > 0) {
			await sleep(backoff);
			backoff *= 2;
			continue;
		}
		if (errcode === MINUTE_LIMIT && minuteWaitsLeft-- > 0) {
			await sleep(policy.minuteLimitWaitMs);
			continue;
		}
		return { ...result, status: 'failed', errcode, errmsg };
	}
}
