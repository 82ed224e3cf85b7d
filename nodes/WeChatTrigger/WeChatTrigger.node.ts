import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { wechatCallbackApiTest } from './credentialTest';
import { triggerProperties } from './properties';
import { handleWebhook } from './webhook/handleWebhook';

export class WeChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Trigger',
		name: 'weChatTrigger',
		icon: { light: 'file:wechat.svg', dark: 'file:wechat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["respond"] === "passiveReply" ? "Passive reply" : "Answers success" }}',
		description:
			'Starts the workflow when WeChat pushes a follower message or an event (subscribe, menu click, mass job finished…) to your Official Account server URL',
		defaults: { name: 'WeChat Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wechatCallbackApi', required: true, testedBy: 'wechatCallbackApiTest' }],
		webhooks: [
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode:
					'={{ $parameter["respond"] === "passiveReply" ? "responseNode" : "onReceived" }}',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { wechatCallbackApiTest } };

	/**
	 * The server URL is entered by hand in the WeChat console (there is no API to register it), so
	 * activation has nothing to create or delete remotely.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
