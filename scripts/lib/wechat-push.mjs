/**
 * What WeChat's servers do towards a developer's callback URL (wechat-api.md §E), written against
 * the independent `wechat-crypto` reference so the trigger is not checked with its own code:
 * sign the GET URL verification, push plaintext or safe-mode (AES) messages, and validate a
 * passive reply the way WeChat does before it shows anything to the follower.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

import { parseStringPromise } from 'xml2js';

const WXBizMsgCrypt = createRequire(import.meta.url)('wechat-crypto');

export function sha1Signature(...parts) {
	return createHash('sha1')
		.update([...parts].sort().join(''))
		.digest('hex');
}

export function randomEncodingAesKey() {
	return randomBytes(32).toString('base64').replace(/=+$/, '');
}

export class WeChatPusher {
	/** `callbackUrl`: the trigger's production URL; `config`: token, encodingAesKey, appId, mode. */
	constructor(callbackUrl, { token, encodingAesKey, appId, mode = 'safe' }) {
		this.callbackUrl = callbackUrl;
		this.token = token;
		this.appId = appId;
		this.mode = mode;
		this.crypto = encodingAesKey ? new WXBizMsgCrypt(token, encodingAesKey, appId) : undefined;
	}

	/** GET ?signature&timestamp&nonce&echostr — the console's 提交 (Submit) button. */
	async verifyUrl(echostr = String(Date.now())) {
		const timestamp = nowSeconds();
		const nonce = randomNonce();
		const url = new URL(this.callbackUrl);
		url.search = new URLSearchParams({
			signature: sha1Signature(this.token, timestamp, nonce),
			timestamp,
			nonce,
			echostr,
		}).toString();
		const response = await fetch(url);
		return { status: response.status, body: await response.text(), echostr };
	}

	/**
	 * Builds one push of `messageXml` (the plaintext <xml>…</xml>) with fresh timestamp/nonce;
	 * `send(push)` can then deliver the identical request again, as WeChat's retries do.
	 */
	preparePush(
		messageXml,
		{ openid = 'oFollower000000000000000001', timestamp = nowSeconds() } = {},
	) {
		const nonce = randomNonce();
		const query = {
			signature: sha1Signature(this.token, timestamp, nonce),
			timestamp,
			nonce,
			openid,
		};
		let body = messageXml;
		if (this.mode === 'safe') {
			const encrypt = this.crypto.encrypt(messageXml);
			query.encrypt_type = 'aes';
			query.msg_signature = this.crypto.getSignature(timestamp, nonce, encrypt);
			const toUserName =
				/<ToUserName><!\[CDATA\[(.*?)\]\]><\/ToUserName>/.exec(messageXml)?.[1] ?? '';
			body = `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
		}
		const url = new URL(this.callbackUrl);
		url.search = new URLSearchParams(query).toString();
		return { url: url.toString(), body, timestamp, nonce };
	}

	async send(push, { timeoutMs = 5000 } = {}) {
		const started = performance.now();
		const response = await fetch(push.url, {
			method: 'POST',
			headers: { 'content-type': 'text/xml' },
			body: push.body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const body = await response.text();
		return {
			status: response.status,
			body,
			ms: performance.now() - started,
			headers: response.headers,
		};
	}

	async push(messageXml, options) {
		return await this.send(this.preparePush(messageXml, options));
	}

	/**
	 * WeChat's acceptance of a passive reply: `success` or an empty body means "nothing to show";
	 * otherwise in safe mode the envelope must carry a MsgSignature over its own TimeStamp, Nonce
	 * and Encrypt, decrypt with the EncodingAESKey, and name this AppID. Returns the reply fields.
	 */
	async openReply(body) {
		if (body === '' || body === 'success') return { kind: 'none' };
		const envelope = await parseXml(body);
		if (this.mode !== 'safe') return { kind: 'plain', xml: body, fields: envelope };

		const { Encrypt, MsgSignature, TimeStamp, Nonce } = envelope;
		if (!Encrypt || !MsgSignature || !TimeStamp || !Nonce) {
			throw new Error(`safe-mode reply lacks Encrypt/MsgSignature/TimeStamp/Nonce: ${body}`);
		}
		if (this.crypto.getSignature(TimeStamp, Nonce, Encrypt) !== MsgSignature) {
			throw new Error('MsgSignature of the reply does not match its TimeStamp, Nonce and Encrypt');
		}
		const { message, id } = this.crypto.decrypt(Encrypt);
		if (id !== this.appId)
			throw new Error(`reply was encrypted for AppID "${id}", not "${this.appId}"`);
		return {
			kind: 'encrypted',
			xml: message,
			fields: await parseXml(message),
			timeStamp: TimeStamp,
		};
	}
}

async function parseXml(xml) {
	const parsed = await parseStringPromise(xml, { explicitArray: false, trim: true });
	if (!parsed?.xml) throw new Error(`not a WeChat <xml> document: ${xml}`);
	return parsed.xml;
}

function nowSeconds() {
	return String(Math.floor(Date.now() / 1000));
}

function randomNonce() {
	return String(100_000_000 + Math.floor(Math.random() * 1_900_000_000));
}

/** A follower's text message, as WeChat sends it (MsgId beyond 2^53 on purpose). */
export function textMessageXml({
	to = 'gh_sandbox000001',
	from,
	content,
	msgId,
	createTime = nowSeconds(),
}) {
	return (
		`<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
		`<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
		`<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
	);
}

/** The report WeChat pushes when a mass job ends (note MsgID with a capital D). */
export function massJobFinishedXml({
	to = 'gh_sandbox000001',
	from = 'mphelper',
	msgId,
	status = 'send success',
	totalCount = 100,
	filterCount = 100,
	sentCount = 98,
	errorCount = 2,
	createTime = nowSeconds(),
}) {
	return (
		`<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
		`<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
		`<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>${msgId}</MsgID>` +
		`<Status><![CDATA[${status}]]></Status><TotalCount>${totalCount}</TotalCount>` +
		`<FilterCount>${filterCount}</FilterCount><SentCount>${sentCount}</SentCount>` +
		`<ErrorCount>${errorCount}</ErrorCount></xml>`
	);
}
