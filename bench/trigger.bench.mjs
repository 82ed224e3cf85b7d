/**
 * Trigger benchmark: how many safe-mode callbacks one process can check, decrypt and parse per
 * second, on one ~2 KB MASSSENDJOBFINISH report with nested result lists, compared in the same
 * run with (a) the same work done by wechat-crypto + xml2js, the libraries a Node developer would
 * reach for, and (b) the floor set by the cryptography alone (both signatures + AES, no parsing).
 *
 * Needs `npm run build` (imports the compiled code from dist/). Progress goes to stderr; the
 * last stdout line is the result JSON.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const DIST = join(ROOT, 'dist/nodes/WeChatTrigger');

if (!existsSync(join(DIST, 'callback/openCallback.js'))) {
	console.error('Missing dist/nodes/WeChatTrigger: run `npm run build` first.');
	process.exit(2);
}

const { openCallback } = require(join(DIST, 'callback/openCallback.js'));
const { callbackConfigFrom } = require(join(DIST, 'callback/config.js'));
const { signatureMatches } = require(join(DIST, 'crypto/signature.js'));
const { decryptMessage } = require(join(DIST, 'crypto/cipher.js'));
const WXBizMsgCrypt = require('wechat-crypto');
const xml2js = require('xml2js');

const ACCOUNT = {
	token: 'benchToken2024',
	encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
	appId: 'wx5823bf96d3bd56c7',
};
/** Short interleaved rounds, so that load from other processes hits all three variants alike. */
const ROUNDS = 15;
const ROUND_MS = 150;

function massJobFinishXml(articles) {
	const copyright = Array.from(
		{ length: articles },
		(_, i) =>
			`<item><ArticleIdx>${i + 1}</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState>` +
			`<OriginalArticleUrl><![CDATA[Url_${i + 1}]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType>` +
			`<CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>`,
	).join('');
	const urls = Array.from(
		{ length: articles },
		(_, i) =>
			`<item><ArticleIdx>${i + 1}</ArticleIdx><ArticleUrl><![CDATA[https://mp.weixin.qq.com/s?__biz=MzA&mid=1000001234&idx=${i + 1}]]></ArticleUrl></item>`,
	).join('');
	return (
		'<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>' +
		'<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event>' +
		'<MsgID>1000001234</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100000</TotalCount>' +
		'<FilterCount>99870</FilterCount><SentCount>99860</SentCount><ErrorCount>10</ErrorCount>' +
		`<CopyrightCheckResult><Count>${articles}</Count><ResultList>${copyright}</ResultList><CheckState>1</CheckState></CopyrightCheckResult>` +
		`<ArticleUrlResult><Count>${articles}</Count><ResultList>${urls}</ResultList></ArticleUrlResult></xml>`
	);
}

const sha1 = (parts) => createHash('sha1').update(parts.sort().join('')).digest('hex');

const reference = new WXBizMsgCrypt(ACCOUNT.token, ACCOUNT.encodingAesKey, ACCOUNT.appId);
const message = massJobFinishXml(3);
const encrypt = reference.encrypt(message);
const timestamp = String(Math.floor(Date.now() / 1000));
const nonce = '1514711492';
const query = {
	signature: sha1([ACCOUNT.token, timestamp, nonce]),
	timestamp,
	nonce,
	openid: 'oV5CrjpxgaGXNHIQigzNlgLTnwic',
	encrypt_type: 'aes',
	msg_signature: sha1([ACCOUNT.token, timestamp, nonce, encrypt]),
};
const body = `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
const request = { query, contentType: 'text/xml', rawBody: Buffer.from(body) };
console.error(
	`payload: ${Buffer.byteLength(message)} bytes of XML, ${request.rawBody.length} bytes on the wire`,
);

const config = callbackConfigFrom({ ...ACCOUNT, encryptionMode: 'safe' });
const checks = { timestampToleranceSeconds: 300, nowMs: Number(timestamp) * 1000 };

function ours() {
	return openCallback(request, config, checks).message;
}

const parser = new xml2js.Parser({ explicitArray: false });
function parseSync(text) {
	let result;
	parser.parseString(text, (error, parsed) => {
		if (error) throw error;
		result = parsed;
	});
	return result;
}

function withReferenceLibraries() {
	if (
		sha1([ACCOUNT.token, request.query.timestamp, request.query.nonce]) !== request.query.signature
	) {
		throw new Error('signature');
	}
	const envelope = parseSync(request.rawBody.toString('utf8')).xml;
	if (
		reference.getSignature(request.query.timestamp, request.query.nonce, envelope.Encrypt) !==
		request.query.msg_signature
	) {
		throw new Error('msg_signature');
	}
	const opened = reference.decrypt(envelope.Encrypt);
	if (opened.id !== ACCOUNT.appId) throw new Error('appid');
	return parseSync(opened.message).xml;
}

function cryptoOnly() {
	const parts = [ACCOUNT.token, request.query.timestamp, request.query.nonce];
	if (!signatureMatches(parts, request.query.signature)) throw new Error('signature');
	if (!signatureMatches([...parts, encrypt], request.query.msg_signature))
		throw new Error('msg_signature');
	return decryptMessage(encrypt, config.keys[0], ACCOUNT.appId);
}

/** Operations per second of `work`, run for about `ms` milliseconds. */
function rate(work, ms) {
	let operations = 0;
	const started = process.hrtime.bigint();
	const budget = BigInt(ms) * 1_000_000n;
	let elapsed = 0n;
	while (elapsed < budget) {
		for (let i = 0; i < 50; i++) work();
		operations += 50;
		elapsed = process.hrtime.bigint() - started;
	}
	return operations / (Number(elapsed) / 1e9);
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

const ourOutput = ours();
const referenceOutput = withReferenceLibraries();
if (JSON.stringify(ourOutput) !== JSON.stringify(referenceOutput)) {
	console.error(
		'our output and the reference output differ:',
		JSON.stringify(ourOutput).slice(0, 200),
	);
	process.exit(1);
}
cryptoOnly();

for (const work of [ours, withReferenceLibraries, cryptoOnly]) rate(work, 300);

const variants = [
	['ours', ours],
	['reference', withReferenceLibraries],
	['crypto', cryptoOnly],
];
const samples = { ours: [], reference: [], crypto: [] };
for (let round = 0; round < ROUNDS; round++) {
	const order = variants.slice(round % 3).concat(variants.slice(0, round % 3));
	for (const [name, work] of order) samples[name].push(rate(work, ROUND_MS));
	console.error(
		`round ${round + 1}/${ROUNDS}: ours ${samples.ours[round].toFixed(0)}/s, wechat-crypto+xml2js ${samples.reference[round].toFixed(0)}/s, crypto only ${samples.crypto[round].toFixed(0)}/s`,
	);
}

const perRound = (numerator, denominator) =>
	samples[numerator].map((value, i) => value / samples[denominator][i]);
const result = {
	trigger: {
		safeModeCallbacksPerSec: Math.round(median(samples.ours)),
		speedupVsWechatCryptoXml2js: Number(median(perRound('ours', 'reference')).toFixed(2)),
		fractionOfCryptoLimit: Number(median(perRound('ours', 'crypto')).toFixed(3)),
	},
};
console.log(JSON.stringify(result));
