import { randomBytes } from 'node:crypto';

import type { Attack } from '../forgery';
import { nest, safe, safeJson, signedPlain, validPush, withQuery } from '../forgery';
import { textMessageXml } from '../payloads';

/** Attacks through the body, its format and content type, and the URL check. */
export const BODY_ATTACKS: Attack[] = [
	[
		'plaintext body sent to a safe-mode trigger',
		400,
		async (target) => await target.post(signedPlain(textMessageXml('plain', '8'))),
	],
	['empty body', 400, async (target) => await target.post(signedPlain(''))],
	[
		'oversized body',
		400,
		async (target) =>
			await target.post(signedPlain(`<xml><Encrypt>${'A'.repeat(300_000)}</Encrypt></xml>`)),
	],
	[
		'oversized body with a forged signature (the signature is judged first)',
		401,
		async (target) => {
			const p = signedPlain(`<xml><Encrypt>${'A'.repeat(300_000)}</Encrypt></xml>`);
			return await target.post(p, { query: withQuery(p, { signature: 'c'.repeat(40) }) });
		},
	],
	[
		'truncated XML envelope',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { body: p.body.slice(0, p.body.length - 10) });
		},
	],
	[
		'deeply nested XML envelope',
		400,
		async (target) => await target.post(signedPlain(`<xml>${nest(5000)}</xml>`)),
	],
	[
		'XML envelope with 10,000 elements',
		400,
		async (target) => await target.post(signedPlain(`<xml>${'<A/>'.repeat(10_000)}</xml>`)),
	],
	[
		'billion-laughs DTD',
		400,
		async (target) =>
			await target.post(
				signedPlain(
					'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
				),
			),
	],
	[
		'external entity (XXE)',
		400,
		async (target) =>
			await target.post(
				signedPlain(
					'<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:1/">]><xml><Encrypt>&x;</Encrypt></xml>',
				),
			),
	],
	[
		'undeclared entity',
		400,
		async (target) => await target.post(signedPlain('<xml><Encrypt>&x;</Encrypt></xml>')),
	],
	[
		'malformed JSON body',
		400,
		async (target) => await target.post(signedPlain('{"Encrypt":', 'application/json')),
	],
	[
		'JSON envelope whose Encrypt is a number, without msg_signature',
		401,
		async (target) => await target.post(signedPlain('{"Encrypt":12345}', 'application/json')),
	],
	[
		'form-encoded body',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { contentType: 'application/x-www-form-urlencoded' });
		},
	],
	[
		'multipart body',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { contentType: 'multipart/form-data; boundary=x' });
		},
	],
	[
		'HTML content type',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { contentType: 'text/html' });
		},
	],
	[
		'no content type',
		400,
		async (target) => {
			const p = validPush();
			return await target.post(p, { contentType: null });
		},
	],
	[
		'binary garbage',
		400,
		async (target) =>
			await target.post(
				signedPlain(randomBytes(512).toString('latin1'), 'application/octet-stream'),
			),
	],
	[
		'encrypted push to a plaintext-mode trigger',
		400,
		async (target) => await target.postPlain(safe.push(textMessageXml('enc', '9'))),
	],
	[
		'verification without echostr',
		400,
		async (target) => {
			const q = safe.verification('x');
			delete (q as Record<string, string>).echostr;
			return await target.get(q);
		},
	],
	[
		'verification with a forged signature',
		401,
		async (target) =>
			await target.get({
				...safe.verification('hello'),
				signature: 'f'.repeat(40),
			}),
	],
	[
		'verification with an oversized echostr',
		400,
		async (target) => await target.get(safe.verification('9'.repeat(4096))),
	],
	[
		'safe-mode JSON push with a forged msg_signature',
		401,
		async (target) => {
			const p = safeJson.push(JSON.stringify({ MsgType: 'text', MsgId: 1 }));
			return await target.post(p, { query: withQuery(p, { msg_signature: 'b'.repeat(40) }) });
		},
	],
];
