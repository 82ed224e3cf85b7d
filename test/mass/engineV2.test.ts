import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import { runNode } from '../harness/runWorkflow';

/**
 * n8n 2.41's experimental Engine 2.0 swaps in a credentials helper whose preAuthentication
 * throws for any credential type with an expirable field (modules/engine-v2/
 * remote-credentials-helper.js). This helper does the same, with the same words.
 */
class EngineV2CredentialsHelper extends MemoryCredentialsHelper {
	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		const error = new Error(
			'Engine 2.0 does not support credentials with an expirable property yet (credential type "wechatOfficialAccountApi")',
		);
		error.name = 'UnimplementedError';
		throw error;
	}
}

test('on Engine 2.0 the node fails with a message that says to use the standard engine', async () => {
	const credentials = new EngineV2CredentialsHelper();
	credentials.put('c', 'wechatOfficialAccountApi', {
		appId: 'wx123',
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- an invented value
		appSecret: 'secret-value-123',
		baseUrl: 'http://127.0.0.1:9',
		accessToken: 'stored',
	});

	const { error } = await runNode({
		credentials,
		credentialId: 'c',
		parameters: { resource: 'token', operation: 'getAccessToken' },
	});

	expect(error?.message).toBe("This node does not run on n8n's experimental Engine 2.0 yet");
	expect(error?.description).toContain('standard engine');
});
