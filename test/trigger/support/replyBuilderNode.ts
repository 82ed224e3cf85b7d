import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { build, operations } from '../../../nodes/WeChatMassMessage/actions/reply';

export const REPLY_BUILDER_TYPE = 'test.wechatReplyBuilder';

/**
 * The reply resource mounted the way the WeChat Mass Message node mounts its resources (a
 * resource option, the operation list, the operation's properties, the callback credential),
 * so the operation runs through n8n's engine with parameters resolved from the trigger item.
 */
export class ReplyBuilderNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reply Builder (test)',
		name: 'wechatReplyBuilder',
		group: ['transform'],
		version: 1,
		description: 'Test host for the Build Passive Reply operation',
		defaults: { name: 'Reply Builder' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wechatCallbackApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Reply', value: 'reply' }],
				default: 'reply',
			},
			operations,
			...build.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await build.execute.call(this, this.getInputData())];
	}
}
