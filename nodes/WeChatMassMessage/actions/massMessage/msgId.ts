import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A msg_id is a decimal integer that may exceed 2^31 (and, for safety, is never trusted to fit a
 * double), so it travels as a string from the parameter to the output.
 */
export function readMsgId(ctx: IExecuteFunctions, itemIndex: number, parameter = 'msgId'): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex);
	const msgId = String(raw ?? '').trim();
	if (!/^\d{1,20}$/.test(msgId)) {
		throw new NodeOperationError(ctx.getNode(), `The Mass Message ID "${msgId}" is not a msg_id`, {
			itemIndex,
			description:
				'Use the msg_id returned by a mass send of this Official Account, digits only, e.g. 3147483652.',
		});
	}
	return msgId;
}
