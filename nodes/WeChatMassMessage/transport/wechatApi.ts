import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TOKEN_ERRCODES } from '../../shared/errcodes';
import { parseWeChatJson } from '../../shared/json';
import { redact } from '../../shared/redact';
import type { TokenCredentialData } from '../../shared/token/tokenBroker';
import { storedTokenIsStale } from '../../shared/token/tokenBroker';
import { normaliseBaseUrl, WeChatTokenError } from '../../shared/token/stableToken';
import { connectionError, weChatApiError } from './errors';
import type { MultipartBody } from './multipart';

export const CREDENTIAL_TYPE = 'wechatOfficialAccountApi';

export type WeChatContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface WeChatCall {
	/** Names the step in error messages, e.g. "Sending to the tag". */
	action: string;
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	json?: unknown;
	/** Called again for every attempt, because a resend needs a fresh body. */
	multipart?: () => MultipartBody;
	timeoutMs?: number;
}

/**
 * Calls that belong together (the batches of one broadcast) share the credential they read:
 * n8n reads it from its database and decrypts it on every getCredentials, and the token a call
 * ends up with — refreshed or not — is what the next call should use.
 */
export interface WeChatSession {
	credentials?: TokenCredentialData;
}

export type CallOutcome =
	| {
			kind: 'answer';
			body: IDataObject;
			errcode: number;
			errmsg: string;
			/** The token this answer was obtained with; only Get Access Token may show it. */
			token: { accessToken: string; expiresAt: number };
	  }
	| { kind: 'network'; mayHaveArrived: boolean; reason: string };

/** n8n 2.41's Engine 2.0 (modules/engine-v2) refuses credentials with an expirable field. */
const ENGINE_V2_REFUSAL = /Engine 2\.0 does not support credentials with an expirable property/;

/** Connection errors that prove the request never left this machine. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/**
 * The one way this package talks to WeChat's business APIs.
 *
 * WeChat reports an expired or rotated token as HTTP 200 + errcode 40001/40014/42001, which n8n's
 * own refresh (triggered by HTTP 401 only) never sees. So on those codes we resend once with the
 * expirable token field blanked: n8n then runs the credential's preAuthentication, stores the new
 * token in its database for every process, and we tell preAuthentication which token WeChat
 * refused so that it can tell "someone rotated it" from "WeChat still hands out a dead token".
 */
export async function callWeChat(
	ctx: WeChatContext,
	call: WeChatCall,
	itemIndex = 0,
	session?: WeChatSession,
): Promise<CallOutcome> {
	const stored = session?.credentials ?? (await readCredentials(ctx, itemIndex));

	const first: TokenCredentialData = { ...stored };
	if (storedTokenIsStale(first)) first.accessToken = '';
	let outcome = await send(ctx, call, first, itemIndex);
	let used = first;
	if (outcome.kind === 'answer' && TOKEN_ERRCODES.has(outcome.errcode)) {
		ctx.logger.debug('WeChat refused the access token; fetching a fresh one and resending once', {
			errcode: outcome.errcode,
			path: call.path,
		});
		used = { ...stored, accessToken: '', rejectedAccessToken: first.accessToken };
		outcome = await send(ctx, call, used, itemIndex);
	}
	if (session) {
		session.credentials = { ...used };
		delete session.credentials.rejectedAccessToken;
	}
	return outcome;
}

/** Starts a session with the credential read once, for calls that belong together. */
export async function openSession(ctx: WeChatContext, itemIndex = 0): Promise<WeChatSession> {
	return { credentials: await readCredentials(ctx, itemIndex) };
}

async function readCredentials(
	ctx: WeChatContext,
	itemIndex: number,
): Promise<TokenCredentialData> {
	const credentials = await (ctx as IExecuteFunctions).getCredentials(CREDENTIAL_TYPE, itemIndex);
	return credentials as unknown as TokenCredentialData;
}

/** callWeChat for calls without special retry needs: any failure becomes a NodeApiError. */
export async function wechatApiRequest(
	ctx: WeChatContext,
	call: WeChatCall,
	itemIndex = 0,
	session?: WeChatSession,
): Promise<IDataObject> {
	const outcome = await callWeChat(ctx, call, itemIndex, session);
	if (outcome.kind === 'network') {
		throw connectionError(
			ctx.getNode(),
			call.action,
			outcome.reason,
			outcome.mayHaveArrived,
			itemIndex,
		);
	}
	if (outcome.errcode !== 0) {
		throw weChatApiError(ctx.getNode(), call.action, outcome.errcode, outcome.errmsg, itemIndex);
	}
	return outcome.body;
}

async function send(
	ctx: WeChatContext,
	call: WeChatCall,
	data: TokenCredentialData,
	itemIndex: number,
): Promise<CallOutcome> {
	const options = buildOptions(ctx, call, data, itemIndex);
	const nodeCredential = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
			{
				credentialsDecrypted: {
					id: nodeCredential?.id ?? '',
					name: nodeCredential?.name ?? '',
					type: CREDENTIAL_TYPE,
					data: data as unknown as ICredentialDataDecryptedObject,
				},
			},
		)) as IN8nHttpFullResponse;
	} catch (error) {
		return classifyFailure(ctx, error, data, itemIndex);
	}
	return readAnswer(ctx, call, response, data, itemIndex);
}

function buildOptions(
	ctx: WeChatContext,
	call: WeChatCall,
	data: TokenCredentialData,
	itemIndex: number,
): IHttpRequestOptions {
	let baseUrl: string;
	try {
		baseUrl = normaliseBaseUrl(data.baseUrl);
	} catch (error) {
		const tokenError = error as WeChatTokenError;
		throw new NodeApiError(
			ctx.getNode(),
			{ reason: 'baseUrl' },
			{
				message: tokenError.message,
				description: tokenError.description,
				itemIndex,
			},
		);
	}
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: { ...(call.qs ?? {}) },
		json: false,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? 30000,
	};
	if (call.multipart) {
		const multipart = call.multipart();
		options.body = multipart.body;
		options.headers = { 'Content-Type': multipart.contentType };
	} else if (call.json !== undefined) {
		// Raw UTF-8: WeChat rejects \uXXXX escapes (40033), which JSON.stringify never emits for
		// non-ASCII text.
		options.body = Buffer.from(JSON.stringify(call.json), 'utf8');
		options.headers = { 'Content-Type': 'application/json; charset=utf-8' };
	}
	return options;
}

function readAnswer(
	ctx: WeChatContext,
	call: WeChatCall,
	response: IN8nHttpFullResponse,
	data: TokenCredentialData,
	itemIndex: number,
): CallOutcome {
	const text = Buffer.isBuffer(response.body)
		? response.body.toString('utf8')
		: typeof response.body === 'string'
			? response.body
			: JSON.stringify(response.body ?? '');
	const status = response.statusCode;
	if (status < 200 || status >= 300) {
		// A proxy or gateway error: WeChat itself answers errors with HTTP 200.
		return {
			kind: 'network',
			mayHaveArrived: status >= 500 || status === 408,
			reason: `HTTP ${status} from ${call.path}: ${redact(text.slice(0, 200), secretsOf(data))}`,
		};
	}
	let body: IDataObject;
	try {
		const parsed = parseWeChatJson(text);
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
		body = parsed as IDataObject;
	} catch {
		throw new NodeApiError(
			ctx.getNode(),
			{ status },
			{
				message: `${call.action} failed: the answer was not WeChat's JSON`,
				description: `Check the API Base URL of the credential; a proxy must forward WeChat's answers unchanged. The answer began with: ${redact(text.slice(0, 120), secretsOf(data))}`,
				itemIndex,
			},
		);
	}
	const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode ?? 0) || 0;
	const errmsg = redact(String(body.errmsg ?? ''), secretsOf(data));
	const token = { accessToken: data.accessToken ?? '', expiresAt: Number(data.expiresAt) || 0 };
	return { kind: 'answer', body, errcode, errmsg, token };
}

function classifyFailure(
	ctx: WeChatContext,
	error: unknown,
	data: TokenCredentialData,
	itemIndex: number,
): CallOutcome {
	const cause = (error as { cause?: unknown }).cause ?? error;
	if (cause instanceof WeChatTokenError || (cause as Error)?.name === 'WeChatTokenError') {
		const tokenError = cause as WeChatTokenError;
		throw new NodeApiError(
			ctx.getNode(),
			{ errcode: tokenError.errcode },
			{
				message: tokenError.message,
				description: tokenError.description,
				itemIndex,
			},
		);
	}
	if (ENGINE_V2_REFUSAL.test(String((cause as Error)?.message ?? ''))) {
		throw new NodeApiError(
			ctx.getNode(),
			{ reason: 'engine-v2' },
			{
				message: "This node does not run on n8n's experimental Engine 2.0 yet",
				description:
					'Engine 2.0 cannot store a refreshed credential token, which WeChat needs every two hours. Run this workflow on the standard engine: turn Engine 2.0 off for it (it is off unless you opted in).',
				itemIndex,
			},
		);
	}
	const code = String((cause as { code?: string }).code ?? (error as { code?: string }).code ?? '');
	const reason = redact(
		`${code ? code + ': ' : ''}${(cause as Error)?.message ?? String(error)}`,
		secretsOf(data),
	);
	return { kind: 'network', mayHaveArrived: !NOT_SENT_CODES.has(code), reason };
}

function secretsOf(data: TokenCredentialData): string[] {
	return [data.appSecret, data.accessToken, data.rejectedAccessToken].filter(
		(value): value is string => typeof value === 'string' && value.length > 0,
	);
}
