import { randomBytes } from 'node:crypto';

export interface MultipartFile {
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/**
 * Builds a multipart/form-data body as one Buffer. A Buffer can be sent again unchanged, which
 * the token-refresh resend needs (streams and form-data objects are consumed by the first try).
 * WeChat reads the file from the part named `media`, with its filename and content type.
 */
export function buildMultipart(
	files: MultipartFile[],
	fields: Record<string, string> = {},
): MultipartBody {
	const boundary = `----n8nWeChat${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
			),
		);
	}
	for (const file of files) {
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.fileName)}"\r\n` +
					`Content-Type: ${file.contentType}\r\nContent-Length: ${file.data.length}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function quote(value: string): string {
	return value.replace(/["\r\n\\]/g, '_');
}
