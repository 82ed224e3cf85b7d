/**
 * Time source of the fake. Quotas reset at midnight Beijing time (UTC+8), so day and month keys
 * are computed in that zone.
 */
export class FakeClock {
	private offset = 0;
	private frozenAt: number | null;
	private readonly listeners = new Set<() => void>();

	/** Default: real time. `start` shifts it; `frozen` stops it so only advance() moves time. */
	constructor(options: { start?: number; frozen?: boolean } = {}) {
		const start = options.start ?? Date.now();
		this.offset = start - Date.now();
		this.frozenAt = options.frozen ? start : null;
	}

	now(): number {
		return this.frozenAt ?? Date.now() + this.offset;
	}

	advance(ms: number): void {
		if (this.frozenAt !== null) this.frozenAt += ms;
		else this.offset += ms;
		for (const listener of this.listeners) listener();
	}

	set(ms: number): void {
		this.advance(ms - this.now());
	}

	/** Called after every advance()/set(); returns an unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

export function dayKey(ms: number): string {
	return String(Math.floor((ms + BEIJING_OFFSET_MS) / 86_400_000));
}

export function monthKey(ms: number): string {
	const d = new Date(ms + BEIJING_OFFSET_MS);
	return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`;
}

export function minuteKey(ms: number): string {
	return String(Math.floor(ms / 60_000));
}
