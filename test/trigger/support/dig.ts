/** Reads a nested field of parsed callback output, for assertions on deep structures. */
export function dig(value: unknown, ...path: Array<string | number>): unknown {
	let current = value;
	for (const step of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[step];
	}
	return current;
}

export type Fields = Record<string, unknown>;
