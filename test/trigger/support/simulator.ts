import { createHash, randomInt } from 'node:crypto';
import WXBizMsgCrypt from 'wechat-crypto';

export type SimulatedMode = 'plaintext' | 'compatible' | 'safe';

export interface SimulatorAccount {
	token: string;
	encodingAesKey: string;
	appId: string;
	mode: SimulatedMode;
	format?: 'xml' | 'json';
}

export interface SimulatedRequest {
	query: Record<string, string>;
	body: string;
	contentType: string;
}

/**
 * Plays WeChat's side of the callback protocol (docs/wechat-api.md §F.5) with code that shares
 * nothing with the node: SHA-1 straight from node:crypto, encryption from the wechat-crypto
 * package.
 */
export class WeChatSimulator {
	private reference: WXBizMsgCrypt | undefined;

	constructor(
		readonly account: SimulatorAccount,
		private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
	) {}

	get crypto(): WXBizMsgCrypt {
		const { token, encodingAesKey, appId } = this.account;
		this.reference ??= new WXBizMsgCrypt(token, encodingAesKey, appId);
		return this.reference;
	}

	sign(...parts: string[]): string {
		return createHash('sha1').update(parts.sort().join('')).digest('hex');
	}

	verification(echostr: string): Record<string, string> {
		const timestamp = String(this.nowSeconds());
		const nonce = String(randomInt(1e8, 2e9));
		return {
			signature: this.sign(this.account.token, timestamp, nonce),
			timestamp,
			nonce,
			echostr,
		};
	}

	/** A push carrying `message` (XML, or JSON text in the JSON data format). */
	push(
		message: string,
		fields: { timestamp?: string; nonce?: string; openid?: string } = {},
	): SimulatedRequest {
		const timestamp = fields.timestamp ?? String(this.nowSeconds());
		const nonce = fields.nonce ?? String(randomInt(1e8, 2e9));
		const query: Record<string, string> = {
			signature: this.sign(this.account.token, timestamp, nonce),
			timestamp,
			nonce,
			openid: fields.openid ?? 'oV5CrjpxgaGXNHIQigzNlgLTnwic',
		};
		const json = this.account.format === 'json';
		const contentType = json ? 'application/json' : 'text/xml';
		if (this.account.mode === 'plaintext') return { query, body: message, contentType };

		const encrypt = this.crypto.encrypt(message);
		query.encrypt_type = 'aes';
		query.msg_signature = this.sign(this.account.token, timestamp, nonce, encrypt);
		return { query, body: this.envelope(message, encrypt), contentType };
	}

	private envelope(message: string, encrypt: string): string {
		const json = this.account.format === 'json';
		if (this.account.mode === 'compatible') {
			if (json) return message.replace(/}\s*$/, `,"Encrypt":${JSON.stringify(encrypt)}}`);
			return message.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
		}
		if (json) return JSON.stringify({ ToUserName: 'gh_4d00ed8d6399', Encrypt: encrypt });
		return `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
	}

	/**
	 * Checks a passive reply as WeChat does: plain XML, or in safe mode an envelope whose
	 * MsgSignature covers its own TimeStamp, Nonce and Encrypt and whose frame names our AppID.
	 */
	openReply(reply: string): string {
		if (this.account.mode !== 'safe') return reply;
		const field = (name: string) =>
			new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${name}>`).exec(reply)?.[1] ??
			'';
		const encrypt = field('Encrypt');
		const expected = this.sign(this.account.token, field('TimeStamp'), field('Nonce'), encrypt);
		if (expected !== field('MsgSignature')) throw new Error('reply MsgSignature does not verify');
		const opened = this.crypto.decrypt(encrypt);
		if (opened.id !== this.account.appId) throw new Error('reply is framed for another AppID');
		return opened.message;
	}
}
