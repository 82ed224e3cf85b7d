/** The parts of an HTTP request the callback checks look at, independent of n8n and express. */
export interface CallbackRequest {
	query: Record<string, unknown>;
	contentType: string | undefined;
	rawBody: Buffer | undefined;
	/** Content-Length when it announced more than the trigger accepts; the body is then not read. */
	oversizedLength?: number;
}

/** The query parameter as a single string, or undefined when absent, repeated or empty. */
export function queryText(query: Record<string, unknown>, name: string): string | undefined {
	const value = query[name];
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}
