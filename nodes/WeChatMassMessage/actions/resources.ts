import type { INodeProperties } from 'n8n-workflow';

import { audience } from './audience';
import { media } from './media';
import { reply } from './reply';
import { massMessage } from './massMessage';
import { token } from './token';
import type { ResourceModule } from './types';

export const resources: Record<string, ResourceModule> = {
	audience,
	massMessage,
	media,
	reply,
	token,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Access Token', value: 'token' },
		{ name: 'Audience', value: 'audience' },
		{ name: 'Mass Message', value: 'massMessage' },
		{ name: 'Media', value: 'media' },
		{ name: 'Passive Reply', value: 'reply' },
	],
	default: 'massMessage',
};

export function allProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of Object.values(resources)) {
		properties.push(resource.operations);
		for (const module of Object.values(resource.modules)) properties.push(...module.description);
		properties.push(...(resource.sharedProperties ?? []));
	}
	return properties;
}
