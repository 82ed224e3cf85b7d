import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { findCredentialProblem } from './callback/config';

/**
 * WeChat offers no endpoint that proves a Token or EncodingAESKey (they are only ever used by
 * WeChat to sign and encrypt what it pushes), so the test checks what can be checked locally:
 * the Token's format, the AppID's shape and that each EncodingAESKey decodes to a 32-byte AES key.
 * The real proof is WeChat's own URL check when the server configuration is submitted.
 */
export async function wechatCallbackApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = findCredentialProblem(credential.data ?? {});
	if (problem) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message:
			'The fields have the right format. WeChat confirms the Token when you submit the server configuration.',
	};
}
