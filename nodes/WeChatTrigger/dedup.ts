import type { CallbackRecord } from './callback/message';
import { fieldText } from './callback/message';

/**
 * WeChat gives a callback 5 seconds, then sends the same payload again (three tries in all).
 * Its documented identity is MsgId for messages and FromUserName + CreateTime for events; Event
 * is added because one user action can raise two events in the same second (a QR scan that
 * subscribes). Mass and template job reports carry MsgID, the job id.
 */
export function callbackIdentity(message: CallbackRecord): string | undefined {
	const msgId = fieldText(message, 'MsgId') ?? fieldText(message, 'MsgID');
	if (msgId) return `id:${msgId}`;
	const from = fieldText(message, 'FromUserName');
	const createTime = fieldText(message, 'CreateTime');
	if (!from || !createTime) return undefined;
	return `event:${from}:${createTime}:${fieldText(message, 'Event') ?? ''}`;
}

/**
 * A bounded memory of recently accepted callbacks: entries expire after their window, and when
 * full the oldest entry is dropped (a Map keeps insertion order). It lives in the memory of one
 * n8n process, so it catches retries that reach the same process.
 */
export class RecentCallbacks {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly capacity: number) {}

	/** Records the key and tells whether it was already seen within its window. */
	seenBefore(key: string, windowMs: number, nowMs: number): boolean {
		const expiry = this.expiries.get(key);
		if (expiry !== undefined && expiry > nowMs) return true;
		if (expiry !== undefined) this.expiries.delete(key);

		this.expiries.set(key, nowMs + windowMs);
		this.evict(nowMs);
		return false;
	}

	get size(): number {
		return this.expiries.size;
	}

	private evict(nowMs: number): void {
		for (const [key, expiry] of this.expiries) {
			if (this.expiries.size <= this.capacity && expiry > nowMs) return;
			this.expiries.delete(key);
		}
	}
}

/** Shared by every WeChat Trigger in the process; keys are scoped per workflow and node. */
export const recentCallbacks = new RecentCallbacks(50_000);
