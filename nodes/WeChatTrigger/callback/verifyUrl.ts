import { signatureMatches } from '../crypto/signature';
import type { CallbackConfig } from './config';
import { badRequest, unauthorized } from './rejection';
import { queryText } from './request';

const MAX_ECHOSTR_LENGTH = 512;

/**
 * WeChat checks a server URL with GET ?signature&timestamp&nonce&echostr and expects the echostr
 * back verbatim, but only a server that knows the Token may say it: signature must equal
 * SHA-1 of the sorted [Token, timestamp, nonce]. This signature is the same in every encryption
 * mode. Returns the echostr to send.
 */
export function verifyServerUrl(query: Record<string, unknown>, config: CallbackConfig): string {
	const signature = queryText(query, 'signature');
	const timestamp = queryText(query, 'timestamp');
	const nonce = queryText(query, 'nonce');
	const echostr = queryText(query, 'echostr');
	if (!signature || !timestamp || !nonce || !echostr) {
		throw badRequest('signature, timestamp, nonce and echostr are required');
	}
	if (!signatureMatches([config.token, timestamp, nonce], signature)) {
		throw unauthorized('invalid signature');
	}
	if (echostr.length > MAX_ECHOSTR_LENGTH) throw badRequest('echostr is too long');
	return echostr;
}
