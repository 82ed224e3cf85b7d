import { request } from 'undici';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import type { AccountOptions, FakeAccount, FakeWeChat, MassJob, Quirks } from '../fake-wechat';
import { startFakeWeChat } from '../fake-wechat';
import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import type { NodeRun, RunNodeOptions } from '../harness/runWorkflow';
import { runNode } from '../harness/runWorkflow';

export const APP_ID = 'wx3e8b0c5a9d1f7264';
/** Distinctive, so that a leak shows up in a plain substring search. */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the fake server's own fixture
export const APP_SECRET = 'OpsSecret-7Qm2Xv9Lk4Pz8Rt1Wn6Yb3Hc5';
export const CREDENTIAL_ID = 'ops-cred';

export interface Bench {
	fake: FakeWeChat;
	account: FakeAccount;
	credentials: MemoryCredentialsHelper;
	run(
		parameters: IDataObject,
		items?: INodeExecutionData[],
		extra?: Partial<RunNodeOptions>,
	): Promise<NodeRun>;
	/** Every access token the fake handed out or was sent, plus the AppSecret. */
	secrets(): string[];
	close(): Promise<void>;
}

/** A fake WeChat account and an n8n credential pointing at it, with an empty token memory. */
export async function startBench(
	options: { account?: Partial<AccountOptions>; quirks?: Partial<Quirks> } = {},
): Promise<Bench> {
	resetTokenMemory();
	const fake = await startFakeWeChat({ quirks: { jobFinishDelayMs: null, ...options.quirks } });
	const account = fake.addAccount({
		appId: APP_ID,
		appSecret: APP_SECRET,
		followers: 20,
		...options.account,
	});
	const credentials = new MemoryCredentialsHelper();
	credentials.put(CREDENTIAL_ID, 'wechatOfficialAccountApi', {
		appId: APP_ID,
		appSecret: APP_SECRET,
		baseUrl: fake.url,
		accessToken: '',
	});
	const secrets = (): string[] => {
		const tokens = new Set<string>();
		for (const entry of fake.log) {
			if (entry.token) tokens.add(entry.token);
			const answer = entry.response as { access_token?: unknown } | undefined;
			if (typeof answer?.access_token === 'string') tokens.add(answer.access_token);
		}
		return [APP_SECRET, ...tokens];
	};
	return {
		fake,
		account,
		credentials,
		run: async (parameters, items, extra = {}) =>
			await runNode({ credentials, credentialId: CREDENTIAL_ID, parameters, items, ...extra }),
		secrets,
		close: async () => await fake.close(),
	};
}

/** Everything a user could see of a run: output items, error message, description, context. */
export function visibleText(run: NodeRun): string {
	const error = run.error;
	const errorText = error
		? JSON.stringify({
				message: error.message,
				description: error.description,
				context: error.context,
				stack: error.stack,
			})
		: '';
	return JSON.stringify(run.output) + errorText;
}

/** Fails the test if a token or the AppSecret appears anywhere a user could see it. */
export function expectNoSecrets(bench: Bench, ...runs: NodeRun[]): void {
	const secrets = bench.secrets();
	expect(secrets.length).toBeGreaterThan(1);
	for (const run of runs) {
		const text = visibleText(run);
		for (const secret of secrets) expect(text).not.toContain(secret);
	}
}

export const CONTINUE_ON_FAIL: Partial<RunNodeOptions> = {
	settings: { onError: 'continueRegularOutput' },
};

/** A WeChat business POST made the way another system would, outside the node under test. */
export async function callFake(
	bench: Bench,
	path: string,
	json: unknown,
): Promise<Record<string, unknown>> {
	const url = new URL(path, bench.fake.url);
	url.searchParams.set('access_token', bench.account.currentStableToken());
	const response = await request(url, {
		method: 'POST',
		body: JSON.stringify(json),
		headers: { 'content-type': 'application/json' },
	});
	return (await response.body.json()) as Record<string, unknown>;
}

let clientMsgCounter = 0;

/** Sends a mass message straight to the fake and lets it finish with `outcome`. */
export async function sentJob(
	bench: Bench,
	message: IDataObject,
	outcome: 'SEND_SUCCESS' | 'SEND_FAIL' | null = 'SEND_SUCCESS',
	audience: IDataObject = { filter: { is_to_all: true } },
): Promise<MassJob> {
	const answer = await callFake(
		bench,
		audience.touser ? '/cgi-bin/message/mass/send' : '/cgi-bin/message/mass/sendall',
		{ ...audience, ...message, clientmsgid: `ops-test-${++clientMsgCounter}` },
	);
	if (answer.errcode !== 0)
		throw new Error(`fake refused the test send: ${JSON.stringify(answer)}`);
	const job = [...bench.account.jobs.values()].pop() as MassJob;
	if (outcome) bench.account.finishJob(job.msgId, outcome);
	return job;
}

export function articleMessage(bench: Bench, articles = 1, mediaId?: string): IDataObject {
	const draft =
		mediaId ??
		bench.account.seedDraft(
			Array.from({ length: articles }, (_, i) => ({
				title: `Article ${i + 1}`,
				content: '<p>Spring news.</p>',
				thumb_media_id: bench.account.seedMedia({ kind: 'image', permanent: true }).mediaId,
			})),
		).mediaId;
	return { msgtype: 'mpnews', mpnews: { media_id: draft }, send_ignore_reprint: 0 };
}

export function bodyOf(bench: Bench, path: string, index = 0): Record<string, unknown> {
	const entry = bench.fake.requestsTo(path)[index];
	if (!entry) throw new Error(`no request to ${path}`);
	return entry.json as Record<string, unknown>;
}
