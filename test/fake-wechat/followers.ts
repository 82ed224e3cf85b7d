const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** The last four characters encode the index, so generated OpenIDs are distinct up to 64^4. */
export const MAX_GENERATED_FOLLOWERS = 64 ** 4;

/** xorshift32: shifts and xors only; Math.imul runs about 40 times slower inside jest. */
function mix32(x: number): number {
	x ^= x << 13;
	x ^= x >>> 17;
	x ^= x << 5;
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
	const prefix = new Uint8Array(6);
	prefix[0] = 0x6f;
	for (let j = 0, h = mix32(seed || 1); j < 5; j++, h >>>= 6) prefix[1 + j] = CODES[h & 63];

	const all = new Uint8Array(28 * count);
	for (let n = 0; n < count; n++) {
		const i = startIndex + n;
		const at = n * 28;
		for (let j = 0; j < 6; j++) all[at + j] = prefix[j];
		let h = 0;
		for (let j = 0; j < 18; j++) {
			if (j % 5 === 0) h = mix32(mix32(((i * 0x1e3779b1 + j * 0x3c6ef372) ^ seed) >>> 0 || 1));
			all[at + 6 + j] = CODES[h & 63];
			h >>>= 6;
		}
		all[at + 24] = CODES[(i >>> 18) & 63];
		all[at + 25] = CODES[(i >>> 12) & 63];
		all[at + 26] = CODES[(i >>> 6) & 63];
		all[at + 27] = CODES[i & 63];
	}
	// One flat string per id: slices of one large string would keep it alive and make every
	// comparison and serialisation of an OpenID walk through the parent.
	const bytes = Buffer.from(all.buffer, 0, all.length);
	const ids = new Array<string>(count);
	for (let n = 0; n < count; n++) ids[n] = bytes.toString('latin1', n * 28, n * 28 + 28);
	return ids;
}

const CODE_VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < 64; v++) CODE_VALUE[ALPHABET.charCodeAt(v)] = v;

/** The index a generated OpenID encodes in its last four characters, or -1. */
function generatedIndex(id: string): number {
	if (id.length !== 28) return -1;
	let index = 0;
	for (let k = 24; k < 28; k++) {
		const v = CODE_VALUE[id.charCodeAt(k) & 127];
		if (v < 0) return -1;
		index = index * 64 + v;
	}
	return index;
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
	/** Positions of OpenIDs that are not at the index they encode (all others need no entry). */
	private irregular = new Map<string, number>();
	private indexedLength = 0;
	private totals: Uint32Array = new Uint32Array(0);
	private readonly byMsg = new Map<string, Uint32Array>();
	private monthKey = '';
	private monthly: Uint32Array = new Uint32Array(0);

	constructor(ids: string[]) {
		this.list = [];
		this.add(ids);
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
		this.list = [];
		this.irregular = new Map();
		this.indexedLength = 0;
		this.add(ids);
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

	/** Appends OpenIDs not yet in the list, keeping the position index current. */
	add(ids: string[]): void {
		this.syncIndex();
		for (const id of ids) {
			if (this.indexOf(id) >= 0) continue;
			this.indexAt(id, this.list.length);
			this.list.push(id);
			this.indexedLength = this.list.length;
		}
	}

	remove(ids: string[]): void {
		const gone = new Set(ids);
		this.replace(this.list.filter((id) => !gone.has(id)));
	}

	/**
	 * Generated OpenIDs encode their position, so a million of them need no Map; others (and
	 * shifted ones) go into `irregular`. Appends made directly to `ids` are indexed lazily.
	 */
	indexOf(id: string): number {
		this.syncIndex();
		const guess = generatedIndex(id);
		if (guess >= 0 && guess < this.list.length && this.list[guess] === id) return guess;
		return this.irregular.get(id) ?? -1;
	}

	private syncIndex(): void {
		if (this.indexedLength > this.list.length) {
			const ids = this.list;
			this.list = [];
			this.irregular = new Map();
			this.indexedLength = 0;
			this.add(ids);
		}
		for (let i = this.indexedLength; i < this.list.length; i++) this.indexAt(this.list[i], i);
		this.indexedLength = this.list.length;
	}

	private indexAt(id: string, position: number): void {
		if (generatedIndex(id) !== position) this.irregular.set(id, position);
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
