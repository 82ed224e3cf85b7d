import type { AesKey } from '../crypto/aesKey';
import { encryptMessage } from '../crypto/cipher';
import { computeSignature } from '../crypto/signature';
import { cdata, element, textElement } from './xmlWriter';

export interface ReplySealing {
	token: string;
	appId: string;
	key: AesKey;
	/** Seconds; WeChat expects the current time. */
	timestamp: string;
	nonce: string;
	/** The 16 random bytes that open the frame; only tests pass their own. */
	random?: Buffer;
}

/**
 * In safe mode a passive reply travels encrypted like the callback: Encrypt holds the reply XML
 * framed with our AppID, and MsgSignature is SHA-1 over the sorted [Token, TimeStamp, Nonce,
 * Encrypt] of the reply itself.
 */
export function encryptReplyXml(replyXml: string, sealing: ReplySealing): string {
	const encrypt = encryptMessage(replyXml, sealing.appId, sealing.key, sealing.random);
	const signature = computeSignature([sealing.token, sealing.timestamp, sealing.nonce, encrypt]);
	return element(
		'xml',
		element('Encrypt', cdata(encrypt)) +
			textElement('MsgSignature', signature) +
			element('TimeStamp', sealing.timestamp) +
			textElement('Nonce', sealing.nonce),
	);
}
