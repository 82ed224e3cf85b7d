import type { INodeProperties } from 'n8n-workflow';

import { ALL_CALLBACKS, CALLBACK_KINDS } from './filter';

export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;
export const DEFAULT_DUPLICATE_WINDOW_SECONDS = 300;

export const triggerProperties: INodeProperties[] = [
	{
		// n8n skips its own body parsing for a version-1 webhook node whose options.binaryData is
		// true. The trigger reads the raw bytes itself, and n8n's shared xml2js parser (async mode)
		// stops settling for every later XML request once it has seen an element after the root, so
		// WeChat's callbacks must not pass through it.
		displayName: 'Raw Body',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
	{
		displayName:
			'Copy the Production URL into the WeChat console under 设置与开发 → 基本配置 → 服务器配置 (Settings and Development → Basic Configuration → Server Configuration), with the same Token, EncodingAESKey and encryption mode as the credential, then activate this workflow before you click 提交 (Submit).',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		options: CALLBACK_KINDS,
		default: [ALL_CALLBACKS],
		required: true,
		description:
			'Which messages and events start the workflow. Others are still answered "success" so WeChat does not retry them.',
	},
	{
		displayName: 'Respond',
		name: 'respond',
		type: 'options',
		options: [
			{
				name: 'Immediately With Success',
				value: 'immediately',
				description:
					'Answer "success" at once and run the workflow afterwards; reply later with the customer-service API if needed',
			},
			{
				name: 'With a Passive Reply From the Workflow',
				value: 'passiveReply',
				description:
					'Wait for a Respond to Webhook node that returns the reply built by WeChat Mass Message → Build Passive Reply',
			},
		],
		default: 'immediately',
		description: 'How WeChat gets its answer. WeChat waits 5 seconds, then retries.',
	},
	{
		displayName:
			'End the workflow with a Respond to Webhook node of version 1 (Respond With: Text, Response Body: {{ $json.reply }}) fed by WeChat Mass Message → Build Passive Reply; copy it from the keyword auto-reply example, because newer versions of that node refuse to run after any trigger but n8n’s own Webhook node. WeChat waits 5 seconds. A branch that ends without a Respond to Webhook node answers with an empty body, which WeChat accepts.',
		name: 'passiveReplyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { respond: ['passiveReply'] } },
	},
	{
		displayName: 'Options',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Window (Seconds)',
				name: 'duplicateWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_DUPLICATE_WINDOW_SECONDS,
				description:
					'A callback with the same MsgId (events: same sender, CreateTime and Event) within this time is answered "success" without a second run. 0 turns this off.',
			},
			{
				displayName: 'Include Raw Message',
				name: 'includeRawMessage',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the message text as WeChat sent it (after decryption) under callback.rawMessage',
			},
			{
				displayName: 'Timestamp Tolerance (Seconds)',
				name: 'timestampTolerance',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
				description:
					'Callbacks whose signed timestamp differs from this server’s clock by more are refused as replays',
			},
		],
	},
];
