/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { sanitizeXmlName, Workflow } from 'n8n-workflow';
import { Parser } from 'xml2js';

import { WeChatCallbackApi } from '../../../credentials/WeChatCallbackApi.credentials';
import { WeChatTrigger } from '../../../nodes/WeChatTrigger/WeChatTrigger.node';
import { MemoryCredentialsHelper } from '../../harness/credentialsHelper';
import { TestNodeTypes } from '../../harness/nodeTypes';

export const TRIGGER_TYPE = 'n8n-nodes-wechat-mass-message.weChatTrigger';
export const TRIGGER_NAME = 'WeChat Trigger';

export interface TriggerServerOptions {
	credential: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	workflowId?: string;
	mode?: WorkflowExecuteMode;
	/**
	 * The rest of the workflow on the passive-reply path: receives the trigger's item and returns
	 * what the Respond to Webhook node sends (undefined: the workflow ended without one).
	 */
	respondToWebhook?: (item: INodeExecutionData) => Promise<string | undefined>;
}

export interface TriggerServer {
	url: string;
	/** The workflowData of every callback that started an execution. */
	executions: INodeExecutionData[][][];
	/** How many requests reached the node's webhook(). */
	nodeCalls: number;
	/** What the node returned, per request that reached it. */
	results: IWebhookResponseData[];
	/** Per request: whether n8n's own body parser ran (it does unless options.binaryData is true). */
	bodyParsedByN8n: boolean[];
	credentials: MemoryCredentialsHelper;
	close(): Promise<void>;
}

const n8nXmlParser = new Parser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
	tagNameProcessors: [sanitizeXmlName],
	attrNameProcessors: [sanitizeXmlName],
});

/**
 * A real HTTP server that handles a request the way n8n 2.41's webhook handler does
 * (`webhook-helpers.js`, `middlewares/body-parser.js`): unless a version-1 node's
 * options.binaryData is true, the raw body is read into `req.rawBody` and parsed by content type
 * (xml2js with lower-cased tag names, JSON, urlencoded, text); otherwise only `req.readRawBody()`
 * is offered. Then the
 * webhook description picked by method, responseMode evaluated from the node's parameters, then
 * the node's webhook() called with n8n-core's WebhookContext. Afterwards n8n's rules decide the
 * HTTP answer: nothing more when the node says noWebhookResponse, the default "Webhook call
 * received" without workflowData, the evaluated responseData ("firstEntryJson") for onReceived,
 * and the Respond to Webhook stand-in for responseNode.
 */
export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const credentials = new MemoryCredentialsHelper([new WeChatCallbackApi()]);
	credentials.put('callback', 'wechatCallbackApi', options.credential);
	const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new WeChatTrigger() });
	const node: INode = {
		id: 'trigger-node',
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'b0d3c2a1-wechat',
		parameters: options.parameters ?? {},
		credentials: { wechatCallbackApi: { id: 'callback', name: 'WeChat callback' } },
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'workflow-trigger',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
	});
	const workflowNode = workflow.getNode(TRIGGER_NAME) as INode;
	const descriptions = new WeChatTrigger().description.webhooks as IWebhookDescription[];
	const mode = options.mode ?? 'trigger';

	const state: Omit<TriggerServer, 'url' | 'close'> = {
		executions: [],
		nodeCalls: 0,
		results: [],
		bodyParsedByN8n: [],
		credentials,
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const rawBody = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const description = descriptions.find((entry) => entry.httpMethod === req.method);
		if (!description) return reply(res, 404, 'The requested webhook is not registered.');

		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const skipsBodyParsing =
			workflowNode.typeVersion === 1 &&
			workflow.expression.getSimpleParameterValue(
				workflowNode,
				'={{$parameter["options"]["binaryData"]}}',
				mode,
				{},
				undefined,
				false,
			) === true;
		state.bodyParsedByN8n.push(!skipsBodyParsing);
		let body: unknown;
		if (!skipsBodyParsing) {
			try {
				body = await withDeadline(parseLikeN8n(rawBody, contentType), PARSER_DEADLINE_MS);
			} catch (error) {
				if (error === NEVER_SETTLED) return reply(res, 504, 'n8n body parser never settled');
				return reply(res, 422, '{"code":422,"message":"Failed to parse request body"}');
			}
		}
		let bodyRead = !skipsBodyParsing;

		const request = {
			method: req.method,
			url: req.url,
			headers: req.headers,
			query: queryObject(url.searchParams),
			params: {},
			body,
			rawBody: bodyRead ? rawBody : undefined,
			contentType,
			encoding: 'utf-8',
			async readRawBody() {
				bodyRead = true;
				this.rawBody = rawBody;
			},
		};
		const response = expressLike(res);
		const additionalData = {
			credentialsHelper: credentials,
			httpRequest: request,
			httpResponse: response,
			variables: {},
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			instanceBaseUrl: 'http://127.0.0.1',
			restApiUrl: 'http://127.0.0.1/rest',
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: description.httpMethod,
			node: TRIGGER_NAME,
			path: description.path,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		} as IWebhookData;
		const responseMode = workflow.expression.getSimpleParameterValue(
			workflowNode,
			description.responseMode,
			mode,
			{},
			undefined,
			'onReceived',
		) as string;

		const context = new WebhookContext(
			workflow,
			workflowNode,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		state.nodeCalls++;
		let result: IWebhookResponseData;
		try {
			result = await nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1).webhook!.call(context);
		} catch (error) {
			state.results.push({});
			return reply(res, 500, `webhook() threw: ${(error as Error).message}`);
		}
		state.results.push(result);
		if (result.workflowData) state.executions.push(result.workflowData);

		if (result.noWebhookResponse) {
			if (!res.writableEnded) reply(res, 599, 'node promised a response but wrote none');
			return;
		}
		if (res.headersSent) return reply(res, 598, 'node wrote a response without saying so');
		if (!result.workflowData) {
			return result.webhookResponse !== undefined
				? reply(res, 200, String(result.webhookResponse))
				: reply(res, 200, '{"message":"Webhook call received"}');
		}
		if (responseMode === 'responseNode') {
			const answer = await options.respondToWebhook?.(result.workflowData[0][0]);
			return reply(res, 200, answer ?? '');
		}
		return reply(res, 200, String(description.responseData ?? 'firstEntryJson'));
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error) =>
			reply(res, 597, `harness failure: ${(error as Error).message}`),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return Object.assign(state, {
		url: `http://127.0.0.1:${port}/webhook/${node.webhookId}/webhook`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	});
}

/**
 * xml2js in async mode (n8n's settings) never settles for some malformed bodies, e.g. an element
 * after the root; n8n then never answers and never calls the node. The harness gives up after a
 * while and says so with 504.
 */
const PARSER_DEADLINE_MS = 1500;
export const NEVER_SETTLED = new Error('the body parser never settled');

export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(NEVER_SETTLED), ms);
	});
	try {
		return await Promise.race([work, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function parseLikeN8n(rawBody: Buffer, contentType: string): Promise<unknown> {
	if (rawBody.length === 0) return {};
	const text = rawBody.toString('utf-8');
	if (contentType === 'application/json') return JSON.parse(text.replace(/^\ufeff/, ''));
	if (contentType.endsWith('/xml') || contentType.endsWith('+xml')) {
		return await n8nXmlParser.parseStringPromise(text);
	}
	if (contentType === 'application/x-www-form-urlencoded') return parseQueryString(text);
	if (contentType === 'text/plain') return text;
	return {};
}

/** Express turns a repeated query parameter into an array. */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

function expressLike(res: ServerResponse) {
	return Object.assign(res, {
		status(code: number) {
			res.statusCode = code;
			return res;
		},
		send(body: string) {
			res.end(body);
			return res;
		},
	});
}

function reply(res: ServerResponse, status: number, body: string): void {
	if (res.writableEnded) return;
	res.statusCode = status;
	res.end(body);
}
