import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { explainErrcode } from '../../../shared/explain';
import type { MassMessageContent } from './buildMessage';
import type { BatchResult } from './submitBatch';

export type BroadcastStatus = 'sent' | 'alreadySent' | 'partiallySent' | 'failed';

const OUT = new Set(['sent', 'alreadySent']);

export function broadcastStatus(results: BatchResult[]): BroadcastStatus {
	const out = results.filter((result) => OUT.has(result.status));
	if (out.length === results.length) {
		return out.every((result) => result.status === 'alreadySent') ? 'alreadySent' : 'sent';
	}
	return out.length > 0 ? 'partiallySent' : 'failed';
}

/** One output item per broadcast intent: what went out, under which msg_id, and what did not. */
export function buildReport(
	audience: IDataObject,
	message: MassMessageContent,
	results: BatchResult[],
	counts: IDataObject,
): IDataObject {
	const status = broadcastStatus(results);
	const recipientsOut = results
		.filter((result) => OUT.has(result.status))
		.reduce((sum, result) => sum + result.size, 0);
	const msgIds = results.map((result) => result.msgId).filter((id): id is string => !!id);
	const msgDataIds = results.map((result) => result.msgDataId).filter((id): id is string => !!id);
	return {
		status,
		...audience,
		msgType: message.msgtype,
		msgId: msgIds[0] ?? null,
		msgIds,
		msgDataId: msgDataIds[0] ?? null,
		counts: { ...counts, batches: results.length, sent: recipientsOut },
		batches: results.map((result) => ({
			batch: result.batch,
			size: result.size,
			status: result.status,
			msgId: result.msgId ?? null,
			msgDataId: result.msgDataId ?? null,
			clientMsgId: result.clientMsgId,
			...(result.status === 'failed' || result.status === 'tooFast'
				? { errcode: result.errcode ?? null, error: failureText(result) }
				: {}),
		})),
		...(message.uploads.length > 0 ? { uploads: message.uploads } : {}),
	};
}

export function failureText(result: BatchResult): string {
	if (result.status === 'tooFast') {
		return 'WeChat still reported the same clientmsgid as too fast (45066) after waiting; the batch was most likely sent. Run again in a minute to get its msg_id.';
	}
	if (result.connectionLost) {
		return `The connection to WeChat was lost and retries did not get an answer (${result.errmsg}). WeChat may or may not have accepted this batch; running again is safe, a batch that went out is recognised by its clientmsgid.`;
	}
	const { message, description } = explainErrcode(
		result.errcode ?? 0,
		result.errmsg ?? '',
		`Batch ${result.batch}`,
	);
	return `${message}. ${description}`;
}

/** The error for a broadcast that did not fully go out, worded around what did. */
export function broadcastError(
	node: INode,
	report: IDataObject,
	results: BatchResult[],
	itemIndex: number,
): NodeApiError {
	const failed = results.find(
		(result) => result.status === 'failed' || result.status === 'tooFast',
	);
	const out = results.filter((result) => OUT.has(result.status));
	const missing = results.filter((result) => !OUT.has(result.status)).map((result) => result.batch);
	const message =
		results.length === 1
			? `The mass message was not sent: ${failed ? shortReason(failed) : 'unknown reason'}`
			: `${out.length} of ${results.length} batches went out; batch ${failed?.batch} failed: ${failed ? shortReason(failed) : 'unknown reason'}`;
	const description = [
		failed ? failureText(failed) : '',
		out.length > 0 ? `Sent: ${describeSent(out)}.` : '',
		missing.length > 0 ? `Not sent: batches ${ranges(missing)}.` : '',
		'Running the same execution again sends only what is missing: batches that went out are recognised by WeChat through their clientmsgid.',
	]
		.filter(Boolean)
		.join(' ');
	return new NodeApiError(node, { report: report as never } as never, {
		message,
		description,
		itemIndex,
		httpCode: failed?.errcode === undefined ? undefined : String(failed.errcode),
	});
}

/** Names every batch with its msg_id while that stays readable, else as ranges. */
function describeSent(out: BatchResult[]): string {
	if (out.length <= 10) {
		return `batches ${out.map((result) => `${result.batch} (msg_id ${result.msgId ?? 'unknown'})`).join(', ')}`;
	}
	return `batches ${ranges(out.map((result) => result.batch))} (their msg_ids are in the report of this error)`;
}

/** 1, 2, 3, 5, 7, 8 → "1–3, 5, 7–8". */
export function ranges(numbers: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < numbers.length; i++) {
		const start = numbers[i];
		while (i + 1 < numbers.length && numbers[i + 1] === numbers[i] + 1) i++;
		parts.push(start === numbers[i] ? String(start) : `${start}–${numbers[i]}`);
	}
	return parts.join(', ');
}

function shortReason(result: BatchResult): string {
	if (result.connectionLost) return 'no answer from WeChat';
	if (result.status === 'tooFast') return 'WeChat error 45066 (retried too fast)';
	return explainErrcode(result.errcode ?? 0, result.errmsg ?? '', '').message.replace(
		/^ failed: /,
		'',
	);
}
