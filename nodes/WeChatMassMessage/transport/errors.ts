import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { explainErrcode } from '../../shared/explain';

/** A WeChat business error (HTTP 200 with a non-zero errcode), worded from the catalogue. */
export function weChatApiError(
	node: INode,
	action: string,
	errcode: number,
	errmsg: string,
	itemIndex?: number,
	extra: JsonObject = {},
): NodeApiError {
	const { message, description } = explainErrcode(errcode, errmsg, action);
	return new NodeApiError(
		node,
		{ errcode, errmsg, ...extra },
		{ message, description, itemIndex, httpCode: String(errcode) },
	);
}

export function connectionError(
	node: INode,
	action: string,
	reason: string,
	mayHaveArrived: boolean,
	itemIndex?: number,
): NodeApiError {
	const description = mayHaveArrived
		? `The connection broke after the request was sent, so WeChat may have acted on it. (${reason})`
		: `Nothing reached WeChat. Check the API Base URL of the credential and the network. (${reason})`;
	return new NodeApiError(
		node,
		{ reason },
		{ message: `${action} failed: no answer from WeChat`, description, itemIndex },
	);
}
