/**
 * WeChat's mass-delivery speed levels (wechat-api.md §B.9): a higher level is slower. The table
 * gives followers per minute; `realspeed` in speed/get answers counts in units of 10,000/minute.
 */
export const SPEED_LEVELS: ReadonlyArray<{ level: number; label: string; perMinute: number }> = [
	{ level: 0, label: 'Fastest', perMinute: 800000 },
	{ level: 1, label: 'Fast', perMinute: 600000 },
	{ level: 2, label: 'Medium', perMinute: 450000 },
	{ level: 3, label: 'Slow', perMinute: 300000 },
	{ level: 4, label: 'Slowest', perMinute: 100000 },
];

export const REALSPEED_UNIT = 10000;

export function speedLevel(level: number) {
	return SPEED_LEVELS.find((entry) => entry.level === level);
}

export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}
