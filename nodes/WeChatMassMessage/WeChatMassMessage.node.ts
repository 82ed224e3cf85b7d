import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { allProperties } from './actions/resources';
import { route } from './actions/router';
import { wechatCallbackApiTest } from '../WeChatTrigger/credentialTest';
import { loadOptions } from './methods';

/**
 * Programmatic rather than declarative: WeChat answers errors with HTTP 200, needs token
 * recovery with a resend, multipart uploads and multi-call broadcasts, none of which n8n's
 * declarative routing can express.
 */
export class WeChatMassMessage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Mass Message',
		name: 'weChatMassMessage',
		icon: { light: 'file:wechat.svg', dark: 'file:wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Broadcast messages to the followers of a WeChat Official Account (群发)',
		defaults: { name: 'WeChat Mass Message' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'wechatOfficialAccountApi',
				required: true,
				displayOptions: { hide: { resource: ['reply'] } },
			},
			{
				name: 'wechatCallbackApi',
				required: true,
				testedBy: 'wechatCallbackApiTest',
				displayOptions: { show: { resource: ['reply'] } },
			},
		],
		properties: allProperties(),
	};

	methods = { loadOptions, credentialTest: { wechatCallbackApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
