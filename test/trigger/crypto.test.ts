import WXBizMsgCrypt from 'wechat-crypto';

import { decodeEncodingAesKey } from '../../nodes/WeChatTrigger/crypto/aesKey';
import {
	decryptFrame,
	decryptMessage,
	encryptMessage,
} from '../../nodes/WeChatTrigger/crypto/cipher';
import { WeChatCryptoError } from '../../nodes/WeChatTrigger/crypto/errors';
import { computeSignature, signatureMatches } from '../../nodes/WeChatTrigger/crypto/signature';
import { encryptReplyXml } from '../../nodes/WeChatTrigger/reply/encryptedReply';
import { parseXml } from '../../nodes/WeChatTrigger/xml/parser';
import { V1, V2, V3, V4, V5 } from './support/vectors';

const ascii = (text: string) => Buffer.from(text, 'latin1');

function failureOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		return error instanceof WeChatCryptoError ? error.failure : `unexpected ${String(error)}`;
	}
	return undefined;
}

describe('EncodingAESKey', () => {
	test('V1: derives the IV from the first 16 bytes of the lenient decode of a non-canonical key', () => {
		const { key, iv } = decodeEncodingAesKey(V1.encodingAesKey);
		expect(key.export()).toHaveLength(32);
		expect(iv.toString('hex')).toBe(V1.ivHex);
	});

	test('accepts keys whose 43rd character carries non-zero surplus bits', () => {
		for (const encodingAesKey of [V1.encodingAesKey, V5.wechatCrypto.encodingAesKey]) {
			const reference = new WXBizMsgCrypt('token', encodingAesKey, 'wx0');
			expect(decodeEncodingAesKey(encodingAesKey).key.export().equals(reference.key)).toBe(true);
		}
	});

	test('forgives a pasted trailing "=" and surrounding spaces', () => {
		const expected = decodeEncodingAesKey(V1.encodingAesKey).key.export();
		expect(decodeEncodingAesKey(` ${V1.encodingAesKey}= `).key.export().equals(expected)).toBe(
			true,
		);
	});

	test.each([['encodingAESKey'], ['A'.repeat(42)], ['A'.repeat(44)], ['A'.repeat(42) + '!'], ['']])(
		'refuses %p, which is not 43 Base64 characters',
		(encodingAesKey) => {
			expect(failureOf(() => decodeEncodingAesKey(encodingAesKey))).toBe('invalid-key');
		},
	);
});

describe('signatures', () => {
	test('V3a: signs [Token, timestamp, nonce] for URL verification', () => {
		expect(computeSignature([V3.token, V3.get.timestamp, V3.get.nonce])).toBe(V3.get.signature);
	});

	test('V3b: the plaintext POST signature', () => {
		expect(computeSignature([V3.token, V3.plain.timestamp, V3.plain.nonce])).toBe(
			V3.plain.signature,
		);
	});

	test('V3c: both signature and msg_signature of the official safe-mode push', () => {
		const { query, body } = V3.safe;
		const encrypt = JSON.parse(body).Encrypt as string;
		expect(computeSignature([V3.token, query.timestamp, query.nonce])).toBe(query.signature);
		expect(computeSignature([V3.token, query.timestamp, query.nonce, encrypt])).toBe(
			query.msg_signature,
		);
	});

	test('V1, V2, V4: msg_signature over the Encrypt value', () => {
		expect(computeSignature([V1.token, V1.timestamp, V1.nonce, V1.shortEncrypt])).toBe(
			V1.shortMsgSignature,
		);
		expect(computeSignature([V2.token, V2.timestamp, V2.nonce, V2.encrypt])).toBe(V2.msgSignature);
		expect(computeSignature([V4.token, V4.timestamp, V4.nonce, V4.encrypt])).toBe(V4.msgSignature);
	});

	test('V5: agrees with the signature vectors of wechat-crypto, WxJava and silenceper', () => {
		const { token, encodingAesKey, id, signature } = V5.wechatCrypto;
		expect(computeSignature([token, 'timestamp', 'nonce', 'encrypt'])).toBe(signature);
		expect(
			new WXBizMsgCrypt(token, encodingAesKey, id).getSignature('timestamp', 'nonce', 'encrypt'),
		).toBe(signature);
		expect(computeSignature(V5.wxJava.parts)).toBe(V5.wxJava.signature);
		expect(computeSignature(V5.silenceper.parts)).toBe(V5.silenceper.signature);
	});

	test('V1: the wrong-signature case 12345 is refused, as are near misses', () => {
		const parts = [V1.token, V1.timestamp, V1.nonce, V1.shortEncrypt];
		expect(signatureMatches(parts, V1.shortMsgSignature)).toBe(true);
		expect(signatureMatches(parts, V1.shortMsgSignature.toUpperCase())).toBe(true);
		expect(signatureMatches(parts, '12345')).toBe(false);
		const lastFlipped =
			V1.shortMsgSignature.slice(0, 39) + (V1.shortMsgSignature.endsWith('0') ? '1' : '0');
		expect(signatureMatches(parts, lastFlipped)).toBe(false);
		expect(signatureMatches(parts, V1.shortMsgSignature + '0')).toBe(false);
		expect(signatureMatches(parts, 'z'.repeat(40))).toBe(false);
		expect(signatureMatches(parts, undefined)).toBe(false);
		expect(signatureMatches(parts, [V1.shortMsgSignature])).toBe(false);
	});
});

describe('encryption frames', () => {
	test('V1: encrypts the short text and the video message byte for byte', () => {
		const key = decodeEncodingAesKey(V1.encodingAesKey);
		expect(encryptMessage(V1.shortText, V1.appId, key, ascii(V1.random))).toBe(V1.shortEncrypt);
		expect(encryptMessage(V1.videoXml, V1.appId, key, ascii(V1.random))).toBe(V1.videoEncrypt);
		expect(decryptMessage(V1.videoEncrypt, key, V1.appId).toString('utf8')).toBe(V1.videoXml);
	});

	test('V2: decrypts the inbound text message and reads its random prefix and AppID', () => {
		const key = decodeEncodingAesKey(V2.encodingAesKey);
		const frame = decryptFrame(V2.encrypt, key);
		expect(frame.message.toString('utf8')).toBe(V2.message);
		expect(frame.appId).toBe(V2.appId);
		expect(encryptMessage(V2.message, V2.appId, key, ascii(V2.random))).toBe(V2.encrypt);
	});

	test('V2: a receiver configured for another AppID refuses the message', () => {
		const key = decodeEncodingAesKey(V2.encodingAesKey);
		expect(failureOf(() => decryptMessage(V2.encrypt, key, 'invalid appid'))).toBe('appid');
		expect(failureOf(() => decryptMessage(V2.encrypt, key, V2.appId.slice(0, -1)))).toBe('appid');
	});

	test('V3c: decrypts the official safe-mode push (all-zero key and IV)', () => {
		const key = decodeEncodingAesKey(V3.encodingAesKey);
		expect(key.key.export().equals(Buffer.alloc(32))).toBe(true);
		const encrypt = JSON.parse(V3.safe.body).Encrypt as string;
		expect(Buffer.from(encrypt, 'base64')).toHaveLength(224);
		const frame = decryptFrame(encrypt, key);
		expect(frame.message.toString('utf8')).toBe(V3.safe.message);
		expect(frame.message).toHaveLength(167);
		expect(frame.appId).toBe(V3.appId);
		expect(encryptMessage(V3.safe.message, V3.appId, key, ascii(V3.safe.random))).toBe(encrypt);
	});

	test('V3d: builds the official encrypted reply (one pad byte) and its MsgSignature', () => {
		const key = decodeEncodingAesKey(V3.encodingAesKey);
		const { reply } = V3;
		const encrypt = encryptMessage(reply.message, V3.appId, key, ascii(reply.random));
		expect(encrypt).toBe(reply.encrypt);
		expect(computeSignature([V3.token, reply.timestamp, reply.nonce, encrypt])).toBe(
			reply.msgSignature,
		);

		const envelope = encryptReplyXml(reply.message, {
			token: V3.token,
			appId: V3.appId,
			key,
			timestamp: reply.timestamp,
			nonce: reply.nonce,
			random: ascii(reply.random),
		});
		expect(envelope).toBe(
			`<xml><Encrypt><![CDATA[${reply.encrypt}]]></Encrypt><MsgSignature><![CDATA[${reply.msgSignature}]]></MsgSignature><TimeStamp>${reply.timestamp}</TimeStamp><Nonce><![CDATA[${reply.nonce}]]></Nonce></xml>`,
		);
		expect(parseXml(envelope).root).toEqual({
			Encrypt: reply.encrypt,
			MsgSignature: reply.msgSignature,
			TimeStamp: reply.timestamp,
			Nonce: reply.nonce,
		});
	});

	test('V4: a frame that fills whole blocks gets 32 pad bytes of 0x20 and decrypts back', () => {
		const key = decodeEncodingAesKey(V4.encodingAesKey);
		const encrypt = encryptMessage(V4.message, V4.appId, key, ascii(V4.random));
		expect(encrypt).toBe(V4.encrypt);
		expect(Buffer.from(encrypt, 'base64')).toHaveLength(96);
		expect(decryptMessage(V4.encrypt, key, V4.appId).toString('utf8')).toBe(V4.message);
	});

	test.each([
		['not Base64 at all', 'not base64!', 'base64'],
		['Base64 without its padding', V4.encrypt.slice(0, -2), 'base64'],
		['Base64 with a character swapped for a foreign one', '*' + V4.encrypt.slice(1), 'base64'],
		[
			'Base64 in the URL-safe alphabet',
			V4.encrypt.replace(/\+/g, '-').replace(/\//g, '_'),
			'base64',
		],
		['Base64 with "=" inside', V4.encrypt.slice(0, 40) + '=' + V4.encrypt.slice(41), 'base64'],
		['Base64 with three "=" at the end', V4.encrypt.slice(0, -3) + '===', 'base64'],
		['Base64 with a space inside', V4.encrypt.slice(0, 40) + ' ' + V4.encrypt.slice(41), 'base64'],
		['half a cipher block', V4.encrypt.slice(0, 64), 'padding'],
	])('refuses %s', (_name, encrypt, failure) => {
		const key = decodeEncodingAesKey(V4.encodingAesKey);
		expect(failureOf(() => decryptMessage(encrypt, key, V4.appId))).toBe(failure);
	});

	test('refuses a ciphertext made with another key (its padding does not check out)', () => {
		const other = decodeEncodingAesKey('B'.repeat(43));
		const key = decodeEncodingAesKey(V4.encodingAesKey);
		let refused = 0;
		for (let i = 0; i < 50; i++) {
			const encrypt = encryptMessage(`message ${i}`, V4.appId, other);
			if (failureOf(() => decryptMessage(encrypt, key, V4.appId))) refused++;
		}
		expect(refused).toBe(50);
	});
});

describe('cross-check with wechat-crypto', () => {
	const { token, encodingAesKey, id } = V5.wechatCrypto;
	const reference = new WXBizMsgCrypt(token, encodingAesKey, id);
	const key = decodeEncodingAesKey(encodingAesKey);
	const samples = [
		'',
		'a',
		'x'.repeat(31),
		'x'.repeat(32),
		'<xml><Content><![CDATA[你好，世界 🌏]]></Content></xml>',
		V1.videoXml,
		'y'.repeat(5000),
	];

	test.each(samples.map((sample) => [sample.length, sample]))(
		'what wechat-crypto encrypts we decrypt (%i characters)',
		(_length, sample) => {
			const encrypt = reference.encrypt(sample);
			expect(decryptMessage(encrypt, key, id).toString('utf8')).toBe(sample);
		},
	);

	test.each(samples.map((sample) => [sample.length, sample]))(
		'what we encrypt wechat-crypto decrypts (%i characters)',
		(_length, sample) => {
			const opened = reference.decrypt(encryptMessage(sample, id, key));
			expect(opened).toEqual({ message: sample, id });
		},
	);

	test('both sign the same Encrypt identically', () => {
		const encrypt = encryptMessage('<xml><A>1</A></xml>', id, key);
		expect(computeSignature([token, '1714112445', '415670741', encrypt])).toBe(
			reference.getSignature('1714112445', '415670741', encrypt),
		);
	});
});
