import { createHash } from 'node:crypto';

/**
 * The clientmsgid WeChat uses to refuse a repeat of a mass send within 24 hours (45065, with
 * the msg_id of the first send). We derive it from what identifies the broadcast intent — the
 * account, the message, the audience batch and the user's optional Idempotency Key — and
 * never from the execution, so Retry On Fail, a re-run of a failed execution or a trigger that
 * fires twice all produce the same ids. With an Idempotency Key the message content is left
 * out: the key names the intent, so a corrected draft can complete a half-sent broadcast
 * without resending the batches that already went out.
 *
 * 32 hex characters: well inside the documented 64 bytes (one report saw 45067 at 36).
 */
export interface ClientMsgIdParts {
	appId: string;
	msgtype: string;
	fingerprint: string;
	audience: string;
	idempotencyKey: string;
}

export function deriveClientMsgId(parts: ClientMsgIdParts): string {
	const hash = createHash('sha256');
	hash.update('n8n-wechat-mass/1\n');
	hash.update(`${parts.appId}\n${parts.msgtype}\n`);
	if (parts.idempotencyKey) hash.update(`key:${parts.idempotencyKey}\n`);
	else hash.update(`content:${parts.fingerprint}\n`);
	hash.update(parts.audience);
	return hash.digest('hex').slice(0, 32);
}

/** Names an OpenID batch by its members (sorted already), cheaply for 10,000 ids. */
export function openIdBatchAudience(openIds: string[]): string {
	const digest = createHash('sha256').update(openIds.join('\n')).digest('hex');
	return `openids:${openIds.length}:${digest}`;
}
