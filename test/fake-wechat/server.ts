/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FakeAccount, type Shared } from './account';
import { FakeClock } from './clock';
import { handleControl } from './control';
import { defaultQuirks } from './defaults';
import { IdSource } from './ids';
import { describeRequest, dispatch, serialise } from './pipeline';
import type { FakeState } from './route';
import { TokenRegistry } from './tokens';
import type {
	AccountOptions,
	InjectionAction,
	InjectionRule,
	Quirks,
	RequestLogEntry,
} from './types';
import { fail, JSON_CONTENT_TYPE, stringifyWire, type Reply } from './wire';

export interface StartOptions {
	port?: number;
	host?: string;
	quirks?: Partial<Quirks>;
	clock?: FakeClock;
	/** Seed of the deterministic ids (media_id, tokens, …). */
	seed?: string;
}

export interface FakeWeChat {
	url: string;
	clock: FakeClock;
	quirks: Quirks;
	addAccount(o: AccountOptions): FakeAccount;
	account(appId: string): FakeAccount;
	accounts: Map<string, FakeAccount>;
	log: RequestLogEntry[];
	clearLog(): void;
	requestsTo(path: string, appId?: string): RequestLogEntry[];
	inject(rule: InjectionRule): void;
	/** Rules not yet used up. */
	pendingInjections(): InjectionRule[];
	setLatency(ms: number): void;
	close(): Promise<void>;
}

interface ActiveRule {
	rule: InjectionRule;
	remaining: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export class FakeWeChatServer implements FakeWeChat {
	url = '';
	readonly clock: FakeClock;
	readonly quirks: Quirks;
	readonly accounts = new Map<string, FakeAccount>();
	log: RequestLogEntry[] = [];
	readonly state: FakeState;
	/** Finished jobs in order, for out-of-process observers (GET /__fake/events). */
	readonly finishedJobs: { seq: number; appId: string; msgId: string }[] = [];

	private readonly shared: Shared;
	private readonly rules: ActiveRule[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly server: Server;
	private readonly unsubscribeClock: () => void;
	private latency = 0;
	private closed = false;

	constructor(options: StartOptions) {
		this.clock = options.clock ?? new FakeClock();
		this.quirks = { ...defaultQuirks(), ...options.quirks };
		const ids = new IdSource(options.seed ?? 'fake-wechat');
		const tokens = new TokenRegistry();
		this.state = { accounts: this.accounts, quirks: this.quirks, clock: this.clock, ids, tokens };
		this.shared = {
			clock: this.clock,
			quirks: this.quirks,
			ids,
			tokens,
			later: (fn, ms) => this.later(fn, ms),
		};
		this.unsubscribeClock = this.clock.onChange(() => {
			for (const account of this.accounts.values()) account.ledger.sweep();
		});
		this.server = createServer((req, res) => {
			this.onRequest(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(`fake WeChat failed: ${error.stack ?? error.message}`);
			});
		});
	}

	async listen(port: number, host: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
		this.url = `http://${shownHost}:${address.port}`;
	}

	addAccount(o: AccountOptions): FakeAccount {
		if (this.accounts.has(o.appId)) throw new Error(`account ${o.appId} already exists`);
		const account = new FakeAccount(o, this.shared);
		account.on('jobFinished', (job) => {
			this.finishedJobs.push({
				seq: this.finishedJobs.length + 1,
				appId: job.appId,
				msgId: job.msgId,
			});
		});
		this.accounts.set(o.appId, account);
		return account;
	}

	account(appId: string): FakeAccount {
		const account = this.accounts.get(appId);
		if (!account) throw new Error(`no fake WeChat account ${appId}`);
		return account;
	}

	clearLog(): void {
		this.log = [];
	}

	requestsTo(path: string, appId?: string): RequestLogEntry[] {
		return this.log.filter((e) => e.path === path && (appId === undefined || e.appId === appId));
	}

	inject(rule: InjectionRule): void {
		this.rules.push({ rule, remaining: rule.times ?? 1 });
	}

	pendingInjections(): InjectionRule[] {
		return this.rules.filter((r) => r.remaining > 0).map((r) => r.rule);
	}

	setLatency(ms: number): void {
		this.latency = ms;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.unsubscribeClock();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closing;
	}

	private later(fn: () => void, ms: number): void {
		if (this.closed) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.closed) fn();
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		if (url.pathname.startsWith('/__fake/')) {
			this.send(res, handleControl(this, req.method ?? 'GET', url, rawBody));
			return;
		}

		const { entry, body } = describeRequest(this.state, req, url, rawBody);
		this.log.push(entry);
		const action = this.takeInjection(entry);
		if (action) entry.injected = action.type;
		if (action?.type === 'dropBeforeProcess') {
			req.socket.destroy();
			return;
		}

		const processed =
			action?.type === 'errcode'
				? fail(action.errcode, action.errmsg ?? 'system error', { ...action.extra })
				: action?.type === 'httpStatus'
					? { status: action.status, body: action.body ?? '', contentType: 'text/html' }
					: dispatch(this.state, req.socket.remoteAddress ?? '', entry, body);
		// errcodeAfterProcess: the request took effect, but the client is told it failed.
		const reply =
			action?.type === 'errcodeAfterProcess'
				? fail(action.errcode, action.errmsg ?? 'system error')
				: processed;
		const { text, contentType } = serialise(this.state, reply);
		entry.status = reply.status;
		entry.response = contentType === JSON_CONTENT_TYPE ? JSON.parse(text) : text;

		if (this.latency > 0) await sleep(this.latency);
		if (action?.type === 'dropAfterProcess') {
			entry.status = 0;
			req.socket.destroy();
			return;
		}
		if (action?.type === 'delayAfterProcess') await sleep(action.ms);
		if (req.socket.destroyed) {
			entry.status = 0;
			return;
		}
		res.writeHead(reply.status, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
	}

	private takeInjection(entry: RequestLogEntry): InjectionAction | undefined {
		for (const active of this.rules) {
			const { rule } = active;
			if (active.remaining <= 0) continue;
			if (rule.path !== '*' && rule.path !== entry.path) continue;
			if (rule.appId !== undefined && rule.appId !== entry.appId) continue;
			if (rule.when && !rule.when(entry)) continue;
			active.remaining--;
			return rule.action;
		}
		return undefined;
	}

	private send(res: ServerResponse, reply: Reply): void {
		const { text, contentType } =
			typeof reply.body === 'string'
				? { text: reply.body, contentType: reply.contentType ?? 'text/plain' }
				: { text: stringifyWire(reply.body), contentType: 'application/json' };
		res.writeHead(reply.status, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
	}
}

export async function startFakeWeChat(options: StartOptions = {}): Promise<FakeWeChat> {
	const fake = new FakeWeChatServer(options);
	await fake.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	return fake;
}
