/** Accepts what users put in a list field: an array (from an expression) or text split by commas, semicolons, spaces or new lines. */
export function toList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((entry) => String(entry ?? ''))
		: String(value ?? '').split(/[\s,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}
