import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getAccessToken from './getAccessToken.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['token'] } },
	options: [
		{
			name: 'Get Access Token',
			value: 'getAccessToken',
			description: 'Get a valid access token for calling other WeChat APIs',
			action: 'Get an access token',
		},
	],
	default: 'getAccessToken',
};

export const token: ResourceModule = { operations, modules: { getAccessToken } };
