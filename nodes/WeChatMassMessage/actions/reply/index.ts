import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as build from './build.operation';

export const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['reply'] } },
	options: [
		{
			name: 'Build Passive Reply',
			value: 'build',
			description:
				'Build the XML answer to a WeChat Trigger callback (encrypted in safe mode) for a Respond to Webhook node',
			action: 'Build a passive reply',
		},
	],
	default: 'build',
};

export { build };

export const reply: ResourceModule = { operations, modules: { build } };
