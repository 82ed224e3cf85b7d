/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/node-usable-as-tool, @typescript-eslint/no-require-imports */
import { dirname } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	LogMetadata,
	Logger as WorkflowLogger,
} from 'n8n-workflow';
import { LoggerProxy, NodeConnectionTypes } from 'n8n-workflow';

import {
	readMediaBinary,
	uploadTemporaryMedia,
} from '../../nodes/WeChatMassMessage/transport/media';
import { resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import type { FakeAccount, FakeWeChat, RequestLogEntry } from '../fake-wechat';
import { startFakeWeChat } from '../fake-wechat';
import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import { TestNodeTypes } from '../harness/nodeTypes';
import type { NodeRun } from '../harness/runWorkflow';
import { runNode } from '../harness/runWorkflow';

export const CREDENTIAL_TYPE = 'wechatOfficialAccountApi';
export const APP_ID = 'wx7a1c0ffee0000001';
/** Distinctive, so that any leak shows up in a plain substring search. */
export const APP_SECRET = 'SECRETzq9X7vK2mN4pL6tR8wY1bC3dE5f';
export const TOKEN_PATH = '/cgi-bin/stable_token';
/** The cheap business call Get Access Token checks the token with. */
export const PROBE_PATH = '/cgi-bin/get_api_domain_ip';
export const UPLOAD_PATH = '/cgi-bin/media/upload';
export const UPLOAD_NODE_TYPE = 'test.uploadProbe';

export const GET_TOKEN = { resource: 'token', operation: 'getAccessToken' };

export interface World {
	fake: FakeWeChat;
	account: FakeAccount;
	creds: MemoryCredentialsHelper;
	credentialId: string;
	nodeTypes: TestNodeTypes;
}

export interface WorldOptions {
	appId?: string;
	appSecret?: string;
	ipWhitelist?: string[] | null;
	/** Fields of the stored credential besides appId/appSecret/baseUrl. */
	stored?: ICredentialDataDecryptedObject;
}

/** A fake WeChat with one account, and an n8n credential store holding one credential for it. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
	resetTokenMemory();
	const fake = await startFakeWeChat();
	const appId = options.appId ?? APP_ID;
	const appSecret = options.appSecret ?? APP_SECRET;
	const account = fake.addAccount({ appId, appSecret, ipWhitelist: options.ipWhitelist ?? null });
	const creds = new MemoryCredentialsHelper();
	const credentialId = 'cred-1';
	creds.put(credentialId, CREDENTIAL_TYPE, {
		appId,
		appSecret,
		baseUrl: fake.url,
		accessToken: '',
		...options.stored,
	});
	const nodeTypes = new TestNodeTypes({ [UPLOAD_NODE_TYPE]: new UploadProbe() });
	return { fake, account, creds, credentialId, nodeTypes };
}

export async function stopWorld(world: World | undefined): Promise<void> {
	resetTokenMemory();
	await world?.fake.close();
}

export async function getToken(world: World, items?: INodeExecutionData[]): Promise<NodeRun> {
	return await runNode({
		credentials: world.creds,
		credentialId: world.credentialId,
		parameters: GET_TOKEN,
		items,
		nodeTypes: world.nodeTypes,
	});
}

/** Uploads `bytes` as a temporary image through the package's media transport. */
export async function uploadImage(world: World, bytes: Buffer): Promise<NodeRun> {
	return await runNode({
		credentials: world.creds,
		credentialId: world.credentialId,
		parameters: {},
		nodeTypes: world.nodeTypes,
		nodeType: UPLOAD_NODE_TYPE,
		items: [
			{
				json: {},
				binary: {
					data: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'cover.png' },
				},
			},
		],
	});
}

export function stored(world: World): ICredentialDataDecryptedObject {
	return world.creds.read(world.credentialId);
}

export function tokenRequests(world: World): RequestLogEntry[] {
	return world.fake.requestsTo(TOKEN_PATH);
}

export function probeRequests(world: World): RequestLogEntry[] {
	return world.fake.requestsTo(PROBE_PATH);
}

/** The account's own counters, so tests count what WeChat saw rather than what we think we sent. */
export function counters(world: World): { calls: number; forced: number } {
	return { calls: world.account.stableTokenCalls, forced: world.account.stableTokenForced };
}

export function injectTokenError(
	world: World,
	errcode: number,
	times = 1,
	when?: (entry: RequestLogEntry) => boolean,
): void {
	world.fake.inject({ path: PROBE_PATH, times, when, action: { type: 'errcode', errcode } });
}

export function outputJson(run: NodeRun): Record<string, unknown> {
	expect(run.error).toBeUndefined();
	expect(run.output).toHaveLength(1);
	return run.output[0].json;
}

/**
 * Only Date is faked: the token broker and the fake WeChat clock (real time plus an offset) both
 * read Date.now(), so moving it moves both, while sockets and timers keep running for real.
 */
export function controlDate(): void {
	jest.useFakeTimers({
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}

export function travel(ms: number): void {
	jest.setSystemTime(Date.now() + ms);
}

/** Test-only node: the package's temporary-media upload, so a multipart call goes through n8n. */
export class UploadProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Upload probe',
		name: 'uploadProbe',
		group: ['transform'],
		version: 1,
		description: 'Uploads the binary property "data" as a temporary image',
		defaults: { name: 'Upload probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const file = await readMediaBinary(this, 0, 'data', 'image');
		const media = await uploadTemporaryMedia(this, 0, file, 'image');
		return [[{ json: { ...media } }]];
	}
}

/** Receives every line n8n-core and the node log, with its metadata serialised. */
export class CapturingLogger implements WorkflowLogger {
	readonly lines: string[] = [];

	error(message: string, metadata?: LogMetadata): void {
		this.record('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata): void {
		this.record('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata): void {
		this.record('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata): void {
		this.record('debug', message, metadata);
	}

	scoped(): this {
		return this;
	}

	private record(level: string, message: string, metadata?: LogMetadata): void {
		this.lines.push(`${level} ${message} ${allStrings(metadata).join(' ')}`);
	}
}

/**
 * Installs a capturing logger where n8n looks for one: the DI container (what
 * `this.logger` of a node execution context returns) and n8n-workflow's LoggerProxy.
 */
export function captureLogs(): CapturingLogger {
	const logger = new CapturingLogger();
	const { Container, Logger } = coreDependencies();
	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	return logger;
}

/**
 * n8n-core ships its own copies of @n8n/di and @n8n/backend-common (newer than the hoisted
 * ones), so the container and Logger class it uses must be loaded from its own folder.
 */
function coreDependencies(): {
	Container: { set(type: unknown, instance: unknown): void };
	Logger: unknown;
} {
	const coreDir = dirname(require.resolve('n8n-core/package.json'));
	const load = (name: string) => require(require.resolve(name, { paths: [coreDir] }));
	return { Container: load('@n8n/di').Container, Logger: load('@n8n/backend-common').Logger };
}

/**
 * Every string reachable from a value, including non-enumerable error fields (message, stack,
 * description, cause). Keys listed in `skipKeys` are not followed.
 */
export function allStrings(value: unknown, skipKeys: string[] = []): string[] {
	const out: string[] = [];
	const seen = new Set<unknown>();
	const visit = (current: unknown, depth: number): void => {
		if (depth > 40 || current === null || current === undefined) return;
		if (typeof current === 'string') {
			out.push(current);
			return;
		}
		if (typeof current !== 'object' || seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current) || current instanceof Uint8Array) {
			out.push(Buffer.from(current).toString('utf8'));
			return;
		}
		if (current instanceof Map) {
			for (const [k, v] of current) {
				visit(k, depth + 1);
				visit(v, depth + 1);
			}
			return;
		}
		const keys = new Set<string>(Object.keys(current));
		if (current instanceof Error) {
			for (const key of Object.getOwnPropertyNames(current)) keys.add(key);
			for (const key of ['message', 'stack', 'description', 'cause', 'context']) keys.add(key);
		}
		for (const key of keys) {
			if (skipKeys.includes(key)) continue;
			out.push(key);
			visit((current as Record<string, unknown>)[key], depth + 1);
		}
	};
	visit(value, 0);
	return out;
}

/** Strings among `haystack` that contain any of the secrets. */
export function leaks(haystack: string[], secrets: string[]): string[] {
	return haystack.filter((text) => secrets.some((secret) => text.includes(secret)));
}

export function isoOf(ms: number): string {
	return new Date(ms).toISOString();
}
