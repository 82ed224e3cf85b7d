import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { WeChatSession } from '../../transport/wechatApi';
import type { MassMessageContent } from './buildMessage';
import type { BatchResult, RetryPolicy } from './submitBatch';
import { submitBatch } from './submitBatch';

export interface PlannedBatch {
	/** `{ filter: … }` for sendall, `{ touser: [...] }` for send. */
	audience: IDataObject;
	size: number;
	clientMsgId: string;
	/** A second form of the audience to try once if WeChat answers `retryWithAlternativeOn`. */
	alternativeAudience?: IDataObject;
	retryWithAlternativeOn?: number;
}

export interface BroadcastPlan {
	action: string;
	path: string;
	message: MassMessageContent;
	batches: PlannedBatch[];
	/** Offered every failed batch; new message fields mean "retry it, and later ones, with these". */
	recover?: (result: BatchResult) => Promise<IDataObject | undefined>;
	/** The credential read once for the whole broadcast. */
	session: WeChatSession;
}

export interface BroadcastPolicy extends RetryPolicy {
	/** How long to wait after 45066 before asking again (WeChat asks for one minute). */
	tooFastWaitMs: number;
}

/**
 * Sends the batches one after another and stops at the first batch WeChat refuses, so that
 * the report can say exactly which went out. Batches answered 45066 ("same clientmsgid too
 * fast": an earlier attempt is being processed) are asked again after one shared wait, which
 * turns them into 45065 with the msg_id of the send that went out.
 */
export async function runBroadcast(
	ctx: IExecuteFunctions,
	itemIndex: number,
	plan: BroadcastPlan,
	policy: BroadcastPolicy,
): Promise<BatchResult[]> {
	const results: BatchResult[] = plan.batches.map((batch, index) => ({
		batch: index + 1,
		size: batch.size,
		clientMsgId: batch.clientMsgId,
		status: 'notAttempted',
		attempts: 0,
	}));

	let message = plan.message;
	const { session } = plan;
	const request = (current: BroadcastPlan, batch: PlannedBatch, audience: IDataObject) =>
		buildRequest({ ...current, message }, batch, audience);
	const send = async (index: number) => {
		const batch = plan.batches[index];
		let result = await submitBatch(
			ctx,
			itemIndex,
			request(plan, batch, batch.audience),
			results[index],
			policy,
			session,
		);
		if (
			result.status === 'failed' &&
			batch.alternativeAudience &&
			result.errcode === batch.retryWithAlternativeOn
		) {
			result = await submitBatch(
				ctx,
				itemIndex,
				request(plan, batch, batch.alternativeAudience),
				result,
				policy,
				session,
			);
		}
		const fields = result.status === 'failed' ? await plan.recover?.(result) : undefined;
		if (fields) {
			message = { ...message, fields: { ...message.fields, ...fields } };
			result = await submitBatch(
				ctx,
				itemIndex,
				request(plan, batch, batch.audience),
				result,
				policy,
				session,
			);
		}
		results[index] = result;
		return result;
	};

	for (let index = 0; index < plan.batches.length; index++) {
		const result = await send(index);
		if (result.status === 'failed') break;
	}

	const tooFast = results.filter((result) => result.status === 'tooFast');
	if (tooFast.length > 0) {
		ctx.logger.debug(
			'WeChat saw these clientmsgids less than a minute ago; asking again after a wait',
			{
				batches: tooFast.map((result) => result.batch),
			},
		);
		await sleep(policy.tooFastWaitMs);
		for (const result of tooFast) await send(result.batch - 1);
	}
	return results;
}

function buildRequest(plan: BroadcastPlan, batch: PlannedBatch, audience: IDataObject) {
	return {
		action: plan.action,
		path: plan.path,
		body: {
			...audience,
			msgtype: plan.message.msgtype,
			...plan.message.fields,
			clientmsgid: batch.clientMsgId,
		},
	};
}
