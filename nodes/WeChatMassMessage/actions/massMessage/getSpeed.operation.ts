import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wechatApiRequest } from '../../transport/wechatApi';
import { forEachItem } from '../perItem';
import { formatCount, REALSPEED_UNIT, speedLevel } from './speedLevels';

export const description: INodeProperties[] = [];

/**
 * WeChat's reference contradicts itself: its table puts level 3 at 300,000 followers/minute, its
 * example answers `speed: 3, realspeed: 15` (150,000). We pass both numbers through unchanged and
 * name them apart: `followersPerMinute` is WeChat's realspeed × 10,000, `levelFollowersPerMinute`
 * is the table's figure for the level.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const answer = await wechatApiRequest(
			this,
			{
				action: 'Getting the mass message speed',
				method: 'POST',
				path: '/cgi-bin/message/mass/speed/get',
				json: {},
			},
			itemIndex,
		);

		const speed = Number(answer.speed);
		const realspeed = typeof answer.realspeed === 'number' ? answer.realspeed : null;
		const level = speedLevel(speed);
		const followersPerMinute = realspeed === null ? null : realspeed * REALSPEED_UNIT;
		const parts = [
			level
				? `Level ${speed} (${level.label}): WeChat's speed table gives ${formatCount(level.perMinute)} followers per minute.`
				: `Level ${String(answer.speed)} is not in WeChat's speed table (0 to 4).`,
		];
		if (followersPerMinute !== null) {
			parts.push(
				`WeChat reports a real speed of ${formatCount(followersPerMinute)} followers per minute.`,
			);
		}
		return {
			speed: Number.isFinite(speed) ? speed : null,
			realspeed,
			followersPerMinute,
			levelFollowersPerMinute: level?.perMinute ?? null,
			meaning: parts.join(' '),
		};
	});
}
