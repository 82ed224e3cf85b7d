import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getTagFollowers from './getTagFollowers.operation';
import * as listFollowers from './listFollowers.operation';
import * as listTags from './listTags.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['audience'] } },
	options: [
		{
			name: 'Get Tag Followers',
			value: 'getTagFollowers',
			description: 'List the OpenIDs of the followers that carry a tag',
			action: 'Get the followers of a tag',
		},
		{
			name: 'List Followers',
			value: 'listFollowers',
			description: 'List the OpenIDs of all followers of the Official Account',
			action: 'List followers',
		},
		{
			name: 'List Tags',
			value: 'listTags',
			description: 'List the tags of the Official Account with their follower counts',
			action: 'List tags',
		},
	],
	default: 'listTags',
};

export const audience: ResourceModule = {
	operations,
	modules: { getTagFollowers, listFollowers, listTags },
};
