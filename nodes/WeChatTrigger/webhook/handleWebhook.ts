import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { CallbackConfig } from '../callback/config';
import { callbackConfigFrom, CallbackConfigError } from '../callback/config';
import type { CallbackRecord } from '../callback/message';
import { openCallback } from '../callback/openCallback';
import { CallbackRejection } from '../callback/rejection';
import type { CallbackRequest } from '../callback/request';
import { verifyServerUrl } from '../callback/verifyUrl';
import { callbackIdentity, recentCallbacks } from '../dedup';
import { isSelected } from '../filter';
import { callbackItem } from '../output';
import {
	DEFAULT_DUPLICATE_WINDOW_SECONDS,
	DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
} from '../properties';
import { readCallbackRequest, sendText } from './http';

/** WeChat's "received, nothing to say": no retry, nothing shown to the follower. */
const SUCCESS = 'success';

interface TriggerOptions {
	duplicateWindow?: number;
	includeRawMessage?: boolean;
	timestampTolerance?: number;
}

/**
 * Every answer is written here and n8n is told not to add its own (its default body for this
 * response mode would be the literal text "firstEntryJson"), except on the passive-reply path
 * after a callback was accepted: there the workflow's Respond to Webhook node answers.
 */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	try {
		const config = callbackConfigFrom(await this.getCredentials('wechatCallbackApi'));
		const request = await readCallbackRequest(this.getRequestObject());
		if (this.getWebhookName() === 'setup') {
			sendText(response, 200, verifyServerUrl(request.query, config));
			return { noWebhookResponse: true };
		}
		return acceptCallback(this, request, config);
	} catch (error) {
		if (error instanceof CallbackRejection) {
			this.logger.debug('WeChat callback refused', { status: error.status, reason: error.reason });
			sendText(response, error.status, error.reason);
		} else if (error instanceof CallbackConfigError) {
			this.logger.warn(`WeChat Trigger cannot check callbacks: ${error.message}`);
			sendText(response, 500, 'WeChat Trigger credential is incomplete');
		} else {
			this.logger.error('WeChat Trigger failed on a callback', {
				error: (error as Error).name,
			});
			sendText(response, 500, 'internal error');
		}
		return { noWebhookResponse: true };
	}
}

function acceptCallback(
	ctx: IWebhookFunctions,
	request: CallbackRequest,
	config: CallbackConfig,
): IWebhookResponseData {
	const options = ctx.getNodeParameter('settings', {}) as TriggerOptions;
	const now = new Date();
	const opened = openCallback(request, config, {
		timestampToleranceSeconds: options.timestampTolerance ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
		nowMs: now.getTime(),
	});

	const response = ctx.getResponseObject();
	const selected = ctx.getNodeParameter('events', []) as string[];
	if (isDuplicate(ctx, opened.message, options, now) || !isSelected(opened.message, selected)) {
		sendText(response, 200, SUCCESS);
		return { noWebhookResponse: true };
	}

	const workflowData = [[callbackItem(opened, now, options.includeRawMessage === true)]];
	if (ctx.getNodeParameter('respond', 'immediately') === 'passiveReply') {
		return { workflowData };
	}
	sendText(response, 200, SUCCESS);
	return { workflowData, noWebhookResponse: true };
}

function isDuplicate(
	ctx: IWebhookFunctions,
	message: CallbackRecord,
	options: TriggerOptions,
	now: Date,
): boolean {
	const windowSeconds = options.duplicateWindow ?? DEFAULT_DUPLICATE_WINDOW_SECONDS;
	const identity = callbackIdentity(message);
	if (windowSeconds <= 0 || identity === undefined) return false;

	const scope = `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().name}\u0000${ctx.getMode()}`;
	return recentCallbacks.seenBefore(
		`${scope}\u0000${identity}`,
		windowSeconds * 1000,
		now.getTime(),
	);
}
