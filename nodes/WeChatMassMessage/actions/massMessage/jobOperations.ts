import type { INodePropertyOptions } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as deleteMassMessage from './delete.operation';
import * as getSpeed from './getSpeed.operation';
import * as getStatus from './getStatus.operation';
import * as setSpeed from './setSpeed.operation';

/** Operations on mass jobs after sending; merged with the send operations in ./index.ts. */
export const jobOperationOptions: INodePropertyOptions[] = [
	{
		name: 'Delete',
		value: 'delete',
		description: 'Delete the articles or video of a sent mass message',
		action: 'Delete a mass message',
	},
	{
		name: 'Get Speed',
		value: 'getSpeed',
		description: 'Get how fast WeChat delivers mass messages',
		action: 'Get the mass message speed',
	},
	{
		name: 'Get Status',
		value: 'getStatus',
		description: 'Get whether a mass message was sent, is sending, failed or was deleted',
		action: 'Get the status of a mass message',
	},
	{
		name: 'Set Speed',
		value: 'setSpeed',
		description: 'Set how fast WeChat delivers mass messages',
		action: 'Set the mass message speed',
	},
];

export const jobOperationModules: Record<string, OperationModule> = {
	delete: deleteMassMessage,
	getSpeed,
	getStatus,
	setSpeed,
};
