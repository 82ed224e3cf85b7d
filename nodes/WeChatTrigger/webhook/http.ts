import { MAX_BODY_BYTES } from '../callback/message';
import type { CallbackRequest } from '../callback/request';

/** What the trigger uses of n8n's express request (n8n adds rawBody before the node runs). */
interface IncomingWebhookRequest {
	query?: Record<string, unknown>;
	headers?: Record<string, unknown>;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** What the trigger uses of the response; plain Node methods, so express and http both work. */
export interface OutgoingWebhookResponse {
	statusCode: number;
	headersSent?: boolean;
	setHeader(name: string, value: string): unknown;
	end(body: string): unknown;
}

/**
 * The callback's query and exact body bytes. Signatures and our own parser work on the raw body:
 * n8n's parsed body has lower-cased tag names, so `Encrypt` is not found there (and the node
 * asks n8n not to parse at all, see properties.ts). A body announced as larger than the trigger
 * accepts is not read.
 */
export async function readCallbackRequest(request: unknown): Promise<CallbackRequest> {
	const req = request as IncomingWebhookRequest;
	const contentType = req.headers?.['content-type'];
	const callback: CallbackRequest = {
		query: req.query ?? {},
		contentType: typeof contentType === 'string' ? contentType : undefined,
		rawBody: undefined,
	};

	const declaredLength = Number(req.headers?.['content-length']);
	if (req.rawBody === undefined && declaredLength > MAX_BODY_BYTES) {
		callback.oversizedLength = declaredLength;
		return callback;
	}
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	callback.rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
	return callback;
}

/** Answers in text/plain; WeChat reads `success`, the echostr or a short refusal reason. */
export function sendText(response: unknown, status: number, body: string): void {
	const res = response as OutgoingWebhookResponse;
	if (res.headersSent) return;
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.end(body);
}
