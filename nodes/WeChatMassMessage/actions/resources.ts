import type { INodeProperties } from 'n8n-workflow';

import { audience } from './audience';
import { media } from './media';
import { token } from './token';
import type { ResourceModule } from './types';

export const resources: Record<string, ResourceModule> = { audience, media, token };

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Access Token', value: 'token' },
		{ name: 'Audience', value: 'audience' },
		{ name: 'Media', value: 'media' },
	],
	default: 'token',
};

export function allProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of Object.values(resources)) {
		properties.push(resource.operations);
		for (const module of Object.values(resource.modules)) properties.push(...module.description);
	}
	return properties;
}
