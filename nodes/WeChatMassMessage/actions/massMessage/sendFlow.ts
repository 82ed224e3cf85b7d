import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WeChatSession } from '../../transport/wechatApi';
import { openSession } from '../../transport/wechatApi';

import { runBroadcast } from './broadcast';
import type { PlannedBatch } from './broadcast';
import type { MassMessageContent } from './buildMessage';
import { buildMessage } from './buildMessage';
import { deriveClientMsgId } from './clientMsgId';
import { broadcastError, broadcastStatus, buildReport } from './report';
import { readPolicy } from './sendOptions';

export const SENDALL_PATH = '/cgi-bin/message/mass/sendall';

export interface SingleBatchAudience {
	action: string;
	/** Identifies the audience in the clientmsgid, e.g. `all` or `tag:134`. */
	audienceKey: string;
	audienceReport: IDataObject;
	audience: (message: MassMessageContent) => Omit<PlannedBatch, 'size' | 'clientMsgId'>;
}

/** A sendall broadcast (all followers or one tag): one request, one report. */
export async function broadcastOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	target: SingleBatchAudience,
): Promise<IDataObject> {
	const session = await openSession(ctx, itemIndex);
	const message = await buildMessage(ctx, itemIndex);
	const clientMsgId = deriveClientMsgId({
		appId: appIdOf(session),
		msgtype: message.msgtype,
		fingerprint: message.fingerprint,
		audience: target.audienceKey,
		idempotencyKey: idempotencyKeyOf(ctx, itemIndex),
	});
	const batch: PlannedBatch = { ...target.audience(message), size: 0, clientMsgId };
	const results = await runBroadcast(
		ctx,
		itemIndex,
		{ action: target.action, path: SENDALL_PATH, message, batches: [batch], session },
		readPolicy(ctx, itemIndex),
	);
	return finish(ctx, itemIndex, target.audienceReport, message, results, {});
}

/** Turns batch results into the output item, or into the error when not all went out. */
export function finish(
	ctx: IExecuteFunctions,
	itemIndex: number,
	audienceReport: IDataObject,
	message: MassMessageContent,
	results: Awaited<ReturnType<typeof runBroadcast>>,
	counts: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	const report = { ...buildReport(audienceReport, message, results, counts), ...extra };
	const status = broadcastStatus(results);
	if (status === 'sent' || status === 'alreadySent') return report;
	const error = broadcastError(ctx.getNode(), report, results, itemIndex);
	if (ctx.continueOnFail())
		return { ...report, error: error.message, errorDescription: error.description };
	throw error;
}

export function idempotencyKeyOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.getNodeParameter('idempotencyKey', itemIndex, '') ?? '').trim();
}

export function appIdOf(session: WeChatSession): string {
	return String(session.credentials?.appId ?? '').trim();
}
