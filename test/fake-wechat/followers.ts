const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = Buffer.from(ALPHABET, 'latin1');

/** The last four characters encode the index, so generated OpenIDs are distinct up to 64^4. */
export const MAX_GENERATED_FOLLOWERS = 64 ** 4;

function mix32(x: number): number {
	x ^= x >>> 16;
	x = Math.imul(x, 0x7feb352d);
	x ^= x >>> 15;
	x = Math.imul(x, 0x846ca68b);
	x ^= x >>> 16;
	return x >>> 0;
}

function hashText(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/**
 * Deterministic OpenIDs shaped like real ones: 28 characters of [A-Za-z0-9_-] starting with 'o',
 * with a 5-character prefix shared by one account. One million take well under a second.
 */
export function generateOpenIds(appId: string, count: number, startIndex = 0): string[] {
	if (startIndex + count > MAX_GENERATED_FOLLOWERS) {
		throw new Error(`fake WeChat generates at most ${MAX_GENERATED_FOLLOWERS} OpenIDs per account`);
	}
	const seed = hashText(appId);
	const buf = Buffer.alloc(28);
	buf[0] = 0x6f;
	for (let j = 0, h = mix32(seed); j < 5; j++, h >>>= 6) buf[1 + j] = CODES[h & 63];

	const ids = new Array<string>(count);
	for (let n = 0; n < count; n++) {
		const i = startIndex + n;
		let h = 0;
		for (let j = 0; j < 18; j++) {
			if (j % 5 === 0) h = mix32((i + j * 0x9e3779b9) ^ seed);
			buf[6 + j] = CODES[h & 63];
			h >>>= 6;
		}
		buf[24] = CODES[(i >>> 18) & 63];
		buf[25] = CODES[(i >>> 12) & 63];
		buf[26] = CODES[(i >>> 6) & 63];
		buf[27] = CODES[i & 63];
		ids[n] = buf.toString('latin1');
	}
	return ids;
}

function grown(arr: Uint32Array, length: number): Uint32Array {
	if (arr.length >= length) return arr;
	const next = new Uint32Array(Math.max(length, arr.length * 2));
	next.set(arr);
	return next;
}

/**
 * Followers of one account in a stable order plus their delivery counters. Counters are typed
 * arrays indexed by follower position, so a million followers and a hundred 10,000-OpenID
 * batches stay cheap.
 */
export class FollowerStore {
	private list: string[];
	private pos = new Map<string, number>();
	private indexedLength = -1;
	private totals: Uint32Array = new Uint32Array(0);
	private readonly byMsg = new Map<string, Uint32Array>();
	private monthKey = '';
	private monthly: Uint32Array = new Uint32Array(0);

	constructor(ids: string[]) {
		this.list = [...new Set(ids)];
	}

	get ids(): string[] {
		return this.list;
	}

	/** Replaces the follower list, carrying counters over for OpenIDs that stay. */
	replace(ids: string[]): void {
		const oldIds = this.list;
		const oldTotals = this.totals;
		const oldMonthly = this.monthly;
		const oldByMsg = [...this.byMsg];
		this.list = [...new Set(ids)];
		this.indexedLength = -1;
		const carry = (from: Uint32Array): Uint32Array => {
			const to = new Uint32Array(this.list.length);
			for (let i = 0; i < Math.min(from.length, oldIds.length); i++) {
				if (from[i] === 0) continue;
				const at = this.indexOf(oldIds[i]);
				if (at >= 0) to[at] = from[i];
			}
			return to;
		};
		this.totals = carry(oldTotals);
		this.monthly = carry(oldMonthly);
		for (const [key, counts] of oldByMsg) this.byMsg.set(key, carry(counts));
	}

	add(ids: string[]): void {
		for (const id of ids) if (!this.has(id)) this.list.push(id);
	}

	remove(ids: string[]): void {
		const gone = new Set(ids);
		this.replace(this.list.filter((id) => !gone.has(id)));
	}

	indexOf(id: string): number {
		if (this.indexedLength !== this.list.length) {
			this.pos = new Map();
			this.list.forEach((openid, i) => this.pos.set(openid, i));
			this.indexedLength = this.list.length;
		}
		return this.pos.get(id) ?? -1;
	}

	has(id: string): boolean {
		return this.indexOf(id) >= 0;
	}

	/** Receipts this calendar month (Beijing time), used for the 4-per-month filter. */
	receiptsThisMonth(index: number, month: string): number {
		if (month !== this.monthKey) return 0;
		return this.monthly[index] ?? 0;
	}

	setReceiptsThisMonth(id: string, month: string, count: number): void {
		const index = this.indexOf(id);
		if (index < 0) throw new Error(`${id} is not a follower`);
		this.rollMonth(month);
		this.monthly = grown(this.monthly, this.list.length);
		this.monthly[index] = count;
	}

	/** Records one delivery of `msgKey` to each follower position given. */
	deliver(indices: number[], msgKey: string, month: string): void {
		this.rollMonth(month);
		const length = this.list.length;
		this.totals = grown(this.totals, length);
		this.monthly = grown(this.monthly, length);
		const perMsg = grown(this.byMsg.get(msgKey) ?? new Uint32Array(0), length);
		this.byMsg.set(msgKey, perMsg);
		for (const i of indices) {
			this.totals[i]++;
			this.monthly[i]++;
			perMsg[i]++;
		}
	}

	deliveries(id: string): number {
		const index = this.indexOf(id);
		return index < 0 ? 0 : (this.totals[index] ?? 0);
	}

	deliveriesOfMessage(id: string, msgKey: string): number {
		const index = this.indexOf(id);
		const counts = this.byMsg.get(msgKey);
		return index < 0 || !counts ? 0 : (counts[index] ?? 0);
	}

	private rollMonth(month: string): void {
		if (month === this.monthKey) return;
		this.monthKey = month;
		this.monthly = new Uint32Array(this.list.length);
	}
}
