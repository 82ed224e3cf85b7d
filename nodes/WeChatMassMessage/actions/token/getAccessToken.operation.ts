import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callWeChat } from '../../transport/wechatApi';
import { connectionError, weChatApiError } from '../../transport/errors';
import { forEachItem } from '../perItem';

export const description: INodeProperties[] = [
	{
		displayName:
			'Outputs the current access token so that HTTP Request nodes can call other WeChat APIs: add a query parameter access_token = {{ $json.accessToken }}. Treat the output like a password.',
		name: 'getAccessTokenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['token'], operation: ['getAccessToken'] } },
	},
];

/**
 * The token is checked against WeChat with a cheap call (get_api_domain_ip), so what comes out
 * has just been accepted; an expired or rotated token is replaced on the way like in any call.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const action = 'Getting the access token';
	return await forEachItem(this, items, async (itemIndex) => {
		const outcome = await callWeChat(
			this,
			{ action, method: 'GET', path: '/cgi-bin/get_api_domain_ip' },
			itemIndex,
		);
		if (outcome.kind === 'network') {
			throw connectionError(
				this.getNode(),
				action,
				outcome.reason,
				outcome.mayHaveArrived,
				itemIndex,
			);
		}
		if (outcome.errcode !== 0) {
			throw weChatApiError(this.getNode(), action, outcome.errcode, outcome.errmsg, itemIndex);
		}
		const { accessToken, expiresAt } = outcome.token;
		const expiresIn = expiresAt ? Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)) : null;
		return {
			accessToken,
			expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
			expiresIn,
		};
	});
}
