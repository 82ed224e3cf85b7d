import { randomBytes } from 'node:crypto';

import type { Attack } from '../forgery';
import {
	ACCOUNT,
	frame,
	nowSeconds,
	safe,
	seal,
	signedEncrypt,
	stranger,
	validPush,
	withQuery,
} from '../forgery';
import { textMessageXml } from '../payloads';

/** Attacks on the query signature, the timestamp window, msg_signature and the encrypted frame. */
export const SIGNATURE_ATTACKS: Attack[] = [
	[
		'missing signature',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { signature: undefined }) });
		},
	],
	[
		'missing timestamp',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { timestamp: undefined }) });
		},
	],
	[
		'missing nonce',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { nonce: undefined }) });
		},
	],
	['no query string at all', 400, async (target) => await target.post(validPush(), { query: {} })],
	[
		'signature given twice',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, {
				query: withQuery(p, { signature: [p.query.signature, p.query.signature] }),
			});
		},
	],
	[
		'forged signature',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, {
				query: withQuery(p, { signature: randomBytes(20).toString('hex') }),
			});
		},
	],
	[
		'signature one character short',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, {
				query: withQuery(p, { signature: p.query.signature.slice(1) }),
			});
		},
	],
	[
		'signature of 40 non-hex characters',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { signature: 'g'.repeat(40) }) });
		},
	],
	[
		'signature in full-width digits',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { signature: '１'.repeat(40) }) });
		},
	],
	[
		'signed with another Token',
		401,
		async (target) => await target.post(stranger.push(textMessageXml('x', '1'))),
	],
	[
		'stale timestamp, correctly signed',
		403,
		async (target) =>
			await target.post(
				safe.push(textMessageXml('old', '2'), { timestamp: String(nowSeconds() - 301) }),
			),
	],
	[
		'timestamp far in the future, correctly signed',
		403,
		async (target) =>
			await target.post(
				safe.push(textMessageXml('new', '3'), { timestamp: String(nowSeconds() + 3600) }),
			),
	],
	[
		'timestamp that is not a number',
		400,
		async (target) => await target.post(safe.push(textMessageXml('t', '4'), { timestamp: '17e8' })),
	],
	[
		'missing msg_signature',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { msg_signature: undefined }) });
		},
	],
	[
		'forged msg_signature',
		401,
		async (target) => {
			const p = validPush();
			return await target.post(p, { query: withQuery(p, { msg_signature: 'a'.repeat(40) }) });
		},
	],
	[
		'Encrypt swapped for another message’s',
		401,
		async (target) => {
			const p = validPush();
			const other = safe.push(textMessageXml('other', '5'));
			return await target.post(p, { body: other.body });
		},
	],
	[
		'Encrypt with one character changed',
		401,
		async (target) => {
			const p = validPush();
			const i = p.body.indexOf('CDATA[', p.body.indexOf('<Encrypt>')) + 10;
			const flipped = p.body.slice(0, i) + (p.body[i] === 'A' ? 'B' : 'A') + p.body.slice(i + 1);
			return await target.post(p, { body: flipped });
		},
	],
	[
		'Encrypt that is not Base64, correctly signed',
		400,
		async (target) => await target.post(signedEncrypt('not*base64*at*all!')),
	],
	[
		'Encrypt without its Base64 padding, correctly signed',
		400,
		async (target) =>
			await target.post(
				signedEncrypt(seal(frame('<xml><MsgType>text</MsgType></xml>')).replace(/=+$/, '') + 'Q'),
			),
	],
	[
		'Encrypt with a line break inside, correctly signed',
		400,
		async (target) => {
			const e = seal(frame('<xml><MsgType>text</MsgType></xml>'));
			return await target.post(signedEncrypt(e.slice(0, 20) + '\n' + e.slice(20, -1)));
		},
	],
	[
		'Encrypt of half a block, correctly signed',
		400,
		async (target) => await target.post(signedEncrypt(randomBytes(16).toString('base64'))),
	],
	[
		'bad padding byte 0, correctly signed',
		400,
		async (target) => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			f[f.length - 1] = 0;
			return await target.post(signedEncrypt(seal(f)));
		},
	],
	[
		'bad padding byte 33, correctly signed',
		400,
		async (target) => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			f[f.length - 1] = 33;
			return await target.post(signedEncrypt(seal(f)));
		},
	],
	[
		'inconsistent padding bytes, correctly signed',
		400,
		async (target) => {
			const f = frame('<xml><MsgType>text</MsgType></xml>');
			const n = f[f.length - 1];
			if (n > 1) f[f.length - 2] = n + 1;
			else f[f.length - 1] = 2;
			return await target.post(signedEncrypt(seal(f)));
		},
	],
	[
		'encrypted with a different EncodingAESKey',
		400,
		async (target) =>
			await target.post(signedEncrypt(seal(frame(textMessageXml('k', '6')), 'B'.repeat(43)))),
	],
	[
		'encrypted for another AppID',
		403,
		async (target) =>
			await target.post(signedEncrypt(seal(frame(textMessageXml('a', '7'), 'wx0000000000000000')))),
	],
	[
		'frame declaring a longer message than it holds',
		400,
		async (target) => await target.post(signedEncrypt(seal(frame('<xml/>', ACCOUNT.appId, 4096)))),
	],
	[
		'decrypted message that is neither XML nor JSON',
		400,
		async (target) => await target.post(signedEncrypt(seal(frame('hello there')))),
	],
	[
		'decrypted message with a DOCTYPE and entity',
		400,
		async (target) =>
			await target.post(
				signedEncrypt(
					seal(
						frame(
							'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><MsgType>&e;</MsgType></xml>',
						),
					),
				),
			),
	],
	[
		'decrypted message without MsgType',
		400,
		async (target) =>
			await target.post(signedEncrypt(seal(frame('<xml><Content>x</Content></xml>')))),
	],
	[
		'decrypted message with a __proto__ element',
		400,
		async (target) =>
			await target.post(
				signedEncrypt(
					seal(frame('<xml><MsgType>text</MsgType><__proto__><admin>1</admin></__proto__></xml>')),
				),
			),
	],
	[
		'decrypted JSON with a __proto__ key',
		400,
		async (target) =>
			await target.post(signedEncrypt(seal(frame('{"MsgType":"text","__proto__":{"admin":"1"}}')))),
	],
];
