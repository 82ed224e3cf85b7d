import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BroadcastPolicy } from './broadcast';

export const SEND_OPERATIONS = ['sendToAll', 'sendToTag', 'sendToOpenIds'];

const show = { show: { resource: ['massMessage'], operation: SEND_OPERATIONS } };

export const sendOptionProperties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		displayOptions: show,
		default: '',
		placeholder: 'e.g. {{ $json.eventId }}',
		description:
			'Names this broadcast, for example the ID of the CRM event that caused it. WeChat refuses a second broadcast with the same key to the same audience for 24 hours and the node reports it as already sent. Empty: the message content plays this part, so the same message to the same audience is sent only once in 24 hours.',
	},
	{
		displayName: 'Options',
		name: 'sendOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: show,
		default: {},
		options: [
			{
				displayName: 'First Retry Delay (Seconds)',
				name: 'retryDelaySeconds',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 1,
				description: 'The delay before the first retry; it doubles with every further retry',
			},
			{
				displayName: 'Retries on Temporary Errors',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often to try again after a system error (-1), "system busy" or a lost connection. Safe: every batch carries a clientmsgid, so WeChat never sends it twice.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 2 },
				default: 60,
				description:
					'How long to wait for WeChat to answer one send request. A request that times out is retried under the same clientmsgid, which WeChat never delivers twice.',
			},
			{
				displayName: 'Wait After "Retried Too Fast" (Seconds)',
				name: 'tooFastWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 65,
				description:
					'WeChat answers 45066 when the same clientmsgid comes back within a minute and asks to wait one minute; the node waits this long once, then collects the msg_id of the batches that went out',
			},
			{
				displayName: 'Wait After Per-Minute Limit (Seconds)',
				name: 'minuteLimitWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'Mass endpoints accept about 60 requests a minute and answer 45011 beyond that; the node waits this long and tries again, twice at most',
			},
		],
	},
];

export function readPolicy(ctx: IExecuteFunctions, itemIndex: number): BroadcastPolicy {
	const options = ctx.getNodeParameter('sendOptions', itemIndex, {}) as {
		maxRetries?: number;
		retryDelaySeconds?: number;
		tooFastWaitSeconds?: number;
		timeoutSeconds?: number;
		minuteLimitWaitSeconds?: number;
	};
	return {
		maxRetries: options.maxRetries ?? 3,
		backoffMs: Math.round((options.retryDelaySeconds ?? 1) * 1000),
		tooFastWaitMs: Math.round((options.tooFastWaitSeconds ?? 65) * 1000),
		minuteLimitWaitMs: Math.round((options.minuteLimitWaitSeconds ?? 60) * 1000),
		timeoutMs: Math.round((options.timeoutSeconds ?? 60) * 1000),
	};
}
