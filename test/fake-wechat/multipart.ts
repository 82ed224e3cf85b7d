import { createHash } from 'node:crypto';

import type { MultipartFile } from './types';

export interface UploadedFile extends MultipartFile {
	data: Buffer;
}

export interface ParsedMultipart {
	fields: Record<string, string>;
	files: UploadedFile[];
}

export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
	const params = headerParams(contentType);
	return params.boundary || undefined;
}

function headerParams(value: string): Record<string, string> {
	const params: Record<string, string> = {};
	const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
	for (let m = re.exec(value); m; m = re.exec(value)) {
		let v = m[2].trim();
		if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
		params[m[1].toLowerCase()] = v;
	}
	if (params['filename*']) {
		const encoded = params['filename*'].replace(/^[^']*'[^']*'/, '');
		try {
			params.filename = decodeURIComponent(encoded);
		} catch {
			params.filename = encoded;
		}
	}
	return params;
}

/**
 * A small RFC 7578 parser: enough for what HTTP clients (form-data, undici FormData, curl)
 * send. Returns undefined when the body is not delimited by the boundary at all.
 */
export function parseMultipart(body: Buffer, boundary: string): ParsedMultipart | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	let pos = body.indexOf(delimiter);
	if (pos === -1) return undefined;

	const result: ParsedMultipart = { fields: {}, files: [] };
	while (pos !== -1) {
		pos += delimiter.length;
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
		const headersEnd = body.indexOf('\r\n\r\n', pos);
		if (headersEnd === -1) break;
		const headers = parseHeaders(body.subarray(pos, headersEnd).toString('utf8'));
		const dataStart = headersEnd + 4;
		const dataEnd = body.indexOf(nextDelimiter, dataStart);
		if (dataEnd === -1) break;
		addPart(result, headers, body.subarray(dataStart, dataEnd));
		pos = dataEnd + 2;
	}
	return result;
}

function parseHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function addPart(result: ParsedMultipart, headers: Record<string, string>, data: Buffer): void {
	const disposition = headerParams(headers['content-disposition'] ?? '');
	const name = disposition.name ?? '';
	if (disposition.filename === undefined) {
		result.fields[name] = data.toString('utf8');
		return;
	}
	result.files.push({
		name,
		filename: disposition.filename,
		contentType: headers['content-type'] ?? 'application/octet-stream',
		size: data.length,
		sha256: createHash('sha256').update(data).digest('hex'),
		data: Buffer.from(data),
	});
}
