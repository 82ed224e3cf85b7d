import { request } from 'undici';

import type { SimulatedRequest } from './simulator';

export interface Answer {
	status: number;
	body: string;
	contentType: string;
}

function withQuery(url: string, query: Record<string, string | string[]>): string {
	const target = new URL(url);
	for (const [key, value] of Object.entries(query)) {
		for (const entry of Array.isArray(value) ? value : [value])
			target.searchParams.append(key, entry);
	}
	return target.toString();
}

export async function getCallback(
	url: string,
	query: Record<string, string | string[]>,
): Promise<Answer> {
	const response = await request(withQuery(url, query), { method: 'GET' });
	return {
		status: response.statusCode,
		body: await response.body.text(),
		contentType: String(response.headers['content-type'] ?? ''),
	};
}

export async function postCallback(
	url: string,
	push: SimulatedRequest,
	overrides: {
		body?: string | Buffer;
		contentType?: string | null;
		query?: Record<string, string | string[]>;
	} = {},
): Promise<Answer> {
	const headers: Record<string, string> = {};
	const contentType =
		overrides.contentType === undefined ? push.contentType : overrides.contentType;
	if (contentType !== null) headers['content-type'] = contentType;
	const response = await request(withQuery(url, overrides.query ?? push.query), {
		method: 'POST',
		headers,
		body: overrides.body ?? push.body,
	});
	return {
		status: response.statusCode,
		body: await response.body.text(),
		contentType: String(response.headers['content-type'] ?? ''),
	};
}
