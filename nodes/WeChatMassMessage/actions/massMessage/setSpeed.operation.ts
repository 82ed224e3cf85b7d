import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { formatCount, SPEED_LEVELS, speedLevel } from './speedLevels';

const properties: INodeProperties[] = [
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'options',
		options: SPEED_LEVELS.map(({ level, label, perMinute }) => ({
			name: `${level} – ${label} (${formatCount(perMinute)}/min)`,
			value: level,
		})),
		default: 0,
		description:
			'How fast WeChat delivers the mass messages of this Official Account, in followers per minute. A higher level is slower.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['massMessage'], operation: ['setSpeed'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const speed = Number(this.getNodeParameter('speed', itemIndex));
		if (!Number.isInteger(speed)) {
			throw new NodeOperationError(this.getNode(), `The speed "${speed}" is not a level`, {
				itemIndex,
				description: 'Use a speed level from 0 (fastest) to 4 (slowest).',
			});
		}

		// Levels outside 0..4 are left to WeChat to refuse (45083), which words it the same way.
		await wechatApiRequest(
			this,
			{
				action: `Setting the mass message speed to ${speed}`,
				method: 'POST',
				path: '/cgi-bin/message/mass/speed/set',
				json: { speed },
			},
			itemIndex,
		);

		const level = speedLevel(speed);
		return {
			speed,
			levelFollowersPerMinute: level?.perMinute ?? null,
			meaning: level
				? `Mass messages are now delivered at level ${speed} (${level.label}), about ${formatCount(level.perMinute)} followers per minute.`
				: `WeChat accepted speed level ${speed}.`,
		};
	});
}
