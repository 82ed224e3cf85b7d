/**
 * Plays WeChat's part after a mass job: when the fake WeChat API (running as its own process)
 * reports a finished job on GET /__fake/events, the relay pushes the MASSSENDJOBFINISH event,
 * signed and encrypted like WeChat's, to a WeChat Trigger URL.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { massJobFinishedXml } from './wechat-push.mjs';

export function startCallbackRelay({
	fakeUrl,
	appId,
	pusher,
	accountId,
	onPush,
	intervalMs = 1000,
}) {
	let since = 0;
	let stopped = false;
	const loop = (async () => {
		while (!stopped) {
			try {
				const { events } = await fetch(`${fakeUrl}/__fake/events?since=${since}`).then((r) =>
					r.json(),
				);
				for (const { seq, job } of events) {
					since = Math.max(since, seq);
					if (job.appId !== appId) continue;
					const answer = await pusher.push(
						massJobFinishedXml({
							to: accountId,
							msgId: job.msgId,
							status: job.finishStatus ?? 'send success',
							totalCount: job.totalCount,
							filterCount: job.filterCount,
							sentCount: job.sentCount,
							errorCount: job.errorCount,
						}),
					);
					onPush?.(job, answer);
				}
			} catch (error) {
				onPush?.(undefined, { error });
			}
			await sleep(intervalMs);
		}
	})();
	return {
		async stop() {
			stopped = true;
			await loop;
		},
	};
}
