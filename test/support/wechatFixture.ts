import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetTokenMemory } from '../../nodes/shared/token/tokenBroker';
import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import type { NodeRun, RunNodeOptions } from '../harness/runWorkflow';
import { runNode } from '../harness/runWorkflow';
import type { FakeAccount, FakeWeChat, Quirks } from '../fake-wechat';
import { startFakeWeChat } from '../fake-wechat';

export const APP_ID = 'wx5c9a1e8d3b7f2a40';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- an invented value for the fake
export const APP_SECRET = 'S3cr3t-Do-Not-Leak-4f1e9b2c7a6d8e0f';
export const CREDENTIAL_ID = 'cred-1';

export interface WeChatFixture {
	fake: FakeWeChat;
	account: FakeAccount;
	credentials: MemoryCredentialsHelper;
	run(parameters: IDataObject, items?: INodeExecutionData[], extra?: Partial<RunNodeOptions>): Promise<NodeRun>;
	close(): Promise<void>;
}

/**
 * A fake WeChat account (real-time clock) and an n8n credential pointing at it, with n8n's
 * preAuthentication rules; every test starts from an empty token store and token memory.
 */
export async function startWeChatFixture(
	options: { followers?: number | string[]; quirks?: Partial<Quirks>; type?: 'service' | 'subscription' } = {},
): Promise<WeChatFixture> {
	resetTokenMemory();
	const fake = await startFakeWeChat({ quirks: options.quirks });
	const account = fake.addAccount({
		appId: APP_ID,
		appSecret: APP_SECRET,
		type: options.type ?? 'service',
		verified: true,
		followers: options.followers ?? 50,
	});
	const credentials = new MemoryCredentialsHelper();
	credentials.put(CREDENTIAL_ID, 'wechatOfficialAccountApi', {
		appId: APP_ID,
		appSecret: APP_SECRET,
		baseUrl: fake.url,
		accessToken: '',
	});
	return {
		fake,
		account,
		credentials,
		run: async (parameters, items, extra = {}) =>
			await runNode({ credentials, credentialId: CREDENTIAL_ID, parameters, items, ...extra }),
		close: async () => await fake.close(),
	};
}

/** Items like rows from a CRM: one OpenID each under `openid`. */
export function rows(openIds: string[], field = 'openid'): INodeExecutionData[] {
	return openIds.map((openId, index) => ({ json: { [field]: openId, row: index } }));
}

/** Fast-retry send options so that fault tests do not wait for WeChat's real minute. */
export const FAST_RETRIES = { maxRetries: 3, retryDelaySeconds: 0.05, tooFastWaitSeconds: 0.6, minuteLimitWaitSeconds: 0.05 };

/** Quirks matching FAST_RETRIES: WeChat's 60 s "too fast" window shrunk to 0.3 s. */
export const FAST_QUIRKS: Partial<Quirks> = { clientMsgIdRetryTooFastMs: 300 };
