import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import { contentProperties } from './content.description';
import { jobOperationModules, jobOperationOptions } from './jobOperations';
import * as preview from './preview.operation';
import * as sendToAll from './sendToAll.operation';
import * as sendToOpenIds from './sendToOpenIds.operation';
import * as sendToTag from './sendToTag.operation';
import { sendOptionProperties } from './sendOptions';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['massMessage'] } },
	options: [
		{
			name: 'Preview',
			value: 'preview',
			description: 'Send the message to one follower to check how it looks',
			action: 'Preview a mass message',
		},
		{
			name: 'Send to All Followers',
			value: 'sendToAll',
			description: 'Broadcast to every follower of the account',
			action: 'Send a mass message to all followers',
		},
		{
			name: 'Send to OpenID List',
			value: 'sendToOpenIds',
			description: 'Broadcast to a list of OpenIDs of any length',
			action: 'Send a mass message to an open ID list',
		},
		{
			name: 'Send to Tag',
			value: 'sendToTag',
			description: 'Broadcast to the followers with a tag',
			action: 'Send a mass message to a tag',
		},
		...jobOperationOptions,
	].sort((a, b) => a.name.localeCompare(b.name)),
	default: 'sendToTag',
};

const sendModules = { sendToAll, sendToTag, sendToOpenIds, preview };

/** Operation-specific parameters first, then the message, then the send options. */
export const massMessage: ResourceModule = {
	operations,
	modules: { ...sendModules, ...jobOperationModules },
	sharedProperties: [...contentProperties, ...sendOptionProperties],
};
