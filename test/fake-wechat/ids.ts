import { createHash } from 'node:crypto';

/**
 * Deterministic identifier source for one fake server: the same sequence of calls yields the
 * same ids, which keeps failures reproducible. msg_id starts above 2^31 like real ones
 * (3147494276) so int32 parsing bugs show up.
 */
export class IdSource {
	private counter = 0;
	private msgId = 3147494276n;
	private msgDataId = 2455891298n;
	private publishId = 100000001n;

	constructor(private readonly seed: string) {}

	/** base64url characters derived from the seed, a kind and a running counter. */
	chars(kind: string, length: number): string {
		let out = '';
		for (let block = 0; out.length < length; block++) {
			out += createHash('sha256')
				.update(`${this.seed}|${kind}|${this.counter}|${block}`)
				.digest('base64url');
		}
		this.counter++;
		return out.slice(0, length);
	}

	/** Tokens look like `87_…` and are well over 100 characters (clients must store 512). */
	token(kind: 'classic' | 'stable'): string {
		const prefix = kind === 'stable' ? '91' : '87';
		return `${prefix}_${this.chars(`token-${kind}`, 134)}`;
	}

	mediaId(permanent: boolean): string {
		return this.chars('media', permanent ? 43 : 64);
	}

	/** Real consecutive msg_ids are not contiguous; steps vary so nobody relies on +1. */
	nextMsgId(): string {
		this.msgId += BigInt(1 + (this.counter++ % 97) * 3);
		return this.msgId.toString();
	}

	nextMsgDataId(): string {
		this.msgDataId += 1n;
		return this.msgDataId.toString();
	}

	nextPublishId(): string {
		this.publishId += 1n;
		return this.publishId.toString();
	}
}
