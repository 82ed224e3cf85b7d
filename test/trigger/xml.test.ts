import { parseStringPromise } from 'xml2js';

import { parseJsonPayload } from '../../nodes/WeChatTrigger/callback/jsonPayload';
import { CallbackRejection } from '../../nodes/WeChatTrigger/callback/rejection';
import { XmlRejectedError } from '../../nodes/WeChatTrigger/xml/errors';
import { parseXml } from '../../nodes/WeChatTrigger/xml/parser';
import { cdata } from '../../nodes/WeChatTrigger/reply/xmlWriter';
import { V1, V2, V3 } from './support/vectors';
import type { Fields } from './support/dig';
import { dig } from './support/dig';
import { massJobFinishXml, textMessageXml } from './support/payloads';

const root = (xml: string) => parseXml(xml).root;

function rejection(xml: string): string {
	try {
		parseXml(xml);
	} catch (error) {
		return error instanceof XmlRejectedError ? error.message : `unexpected ${String(error)}`;
	}
	return 'accepted';
}

describe('XML reader: what WeChat sends', () => {
	test('reads the V2 text message with WeChat field names and string values', () => {
		expect(root(V2.message)).toEqual({
			URL: 'http://wechat.laravel.so/server',
			ToUserName: 'asdasdasd',
			FromUserName: 'asdasdasdsadasd',
			CreateTime: '1234567898',
			MsgType: 'text',
			Content: 'hello',
			MsgId: '12345',
		});
	});

	test('keeps a 64-bit MsgId exactly as sent', () => {
		expect(dig(root(textMessageXml('hi', '3487542469355618313')), 'MsgId')).toBe(
			'3487542469355618313',
		);
	});

	test('reads nested elements and non-ASCII text of the V1 video message', () => {
		expect(root(V1.videoXml)).toMatchObject({
			ToUserName: 'oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw',
			Video: { Title: 'testCallBackReplyVideo', Description: 'testCallBackReplyVideo' },
		});
	});

	test('turns both ResultList.item lists of a mass job report into arrays', () => {
		const report = root(massJobFinishXml(3));
		expect(dig(report, 'MsgID')).toBe('3147483673');
		expect(dig(report, 'CopyrightCheckResult', 'ResultList', 'item')).toHaveLength(3);
		expect(dig(report, 'CopyrightCheckResult', 'ResultList', 'item', 2)).toMatchObject({
			ArticleIdx: '3',
			OriginalArticleUrl: 'Url_3',
		});
		const urls = dig(report, 'ArticleUrlResult', 'ResultList', 'item') as Fields[];
		expect(urls.map((entry) => entry.ArticleIdx)).toEqual(['1', '2', '3']);
	});

	test('keeps a single ResultList item an array', () => {
		const report = root(massJobFinishXml(1));
		expect(Array.isArray(dig(report, 'CopyrightCheckResult', 'ResultList', 'item'))).toBe(true);
		expect(Array.isArray(dig(report, 'ArticleUrlResult', 'ResultList', 'item'))).toBe(true);
	});

	test('collects other repeated elements into an array', () => {
		expect(root('<xml><A>1</A><A>2</A><A>3</A></xml>')).toEqual({ A: ['1', '2', '3'] });
	});

	test('expands predefined entities and numeric references, and keeps CDATA verbatim', () => {
		expect(
			root('<xml><A>&lt;b&gt; &amp; &quot;&apos; &#20320;&#x597D;&#x1F30F;</A></xml>'),
		).toEqual({
			A: '<b> & "\' 你好🌏',
		});
		expect(root('<xml><A><![CDATA[&lt; stays & <raw>]]></A></xml>')).toEqual({
			A: '&lt; stays & <raw>',
		});
	});

	test('joins text and several CDATA sections, as a reply with "]]>" in it needs', () => {
		const tricky = 'a]]>b]]>';
		expect(root(`<xml><A>${cdata(tricky)}</A></xml>`)).toEqual({ A: tricky });
		expect(root('<xml><A>x<![CDATA[y]]>z</A></xml>')).toEqual({ A: 'xyz' });
	});

	test('keeps whitespace inside leaves and ignores it between elements', () => {
		expect(
			root('<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <A> two words </A>\n  <B/>\n</xml>\n'),
		).toEqual({
			A: ' two words ',
			B: '',
		});
	});

	test('skips comments and attributes, and tolerates a byte order mark', () => {
		expect(
			root('\ufeff<!-- c --><xml a="1" b=\'2\'><!-- inside --><A x="y">v</A></xml><!-- after -->'),
		).toEqual({
			A: 'v',
		});
	});

	test('names like constructor or toString stay ordinary fields', () => {
		expect(root('<xml><constructor>1</constructor><toString>2</toString></xml>')).toEqual({
			constructor: '1',
			toString: '2',
		});
	});
});

describe('XML reader: what it refuses', () => {
	test.each([
		['a DOCTYPE', '<!DOCTYPE xml><xml><A>1</A></xml>', 'DTD'],
		[
			'an internal entity declaration',
			'<!DOCTYPE x [<!ENTITY e "boom">]><xml><A>&e;</A></xml>',
			'DTD',
		],
		['a DOCTYPE after the root opened', '<xml><!DOCTYPE x><A>1</A></xml>', 'DTD'],
		['an undeclared entity', '<xml><A>&e;</A></xml>', 'entity'],
		['an external entity reference', '<xml><A>&xxe;</A></xml>', 'entity'],
		['an entity without semicolon', '<xml><A>a & b</A></xml>', 'entity'],
		['a reference to NUL', '<xml><A>&#0;</A></xml>', 'character'],
		['a reference to a lone surrogate', '<xml><A>&#xD800;</A></xml>', 'character'],
		['a reference beyond Unicode', '<xml><A>&#x110000;</A></xml>', 'character'],
		['a processing instruction', '<xml><?php echo 1 ?><A>1</A></xml>', 'processing instruction'],
		['a mismatched closing tag', '<xml><A>1</B></xml>', 'does not match'],
		['a closing tag that only starts like the open one', '<xml><A>1</AB></xml>', 'does not match'],
		['a truncated document', '<xml><A>1</A>', 'ends before'],
		['a truncated tag', '<xml><A', 'ends before'],
		['an unterminated CDATA', '<xml><A><![CDATA[1</A></xml>', 'ends before'],
		['an empty document', '', 'ends before'],
		['only whitespace', '   \n', 'ends before'],
		['text outside the root', 'x<xml/>', 'outside'],
		['two roots', '<xml/><xml/>', 'more than one root'],
		['mixed content', '<xml>text<A>1</A></xml>', 'mixes'],
		['text after a child', '<xml><A>1</A>text</xml>', 'mixes'],
		['a __proto__ element', '<xml><__proto__><polluted>1</polluted></__proto__></xml>', 'reserved'],
		['a name starting with a digit', '<xml><1A>1</1A></xml>', 'malformed'],
		['an attribute without quotes', '<xml a=1><A>1</A></xml>', 'malformed'],
		['an attribute with "<" in it', '<xml a="<"><A>1</A></xml>', 'malformed'],
		['a stray closing tag', '</xml>', 'malformed'],
	])('refuses %s', (_name, xml, fragment) => {
		expect(rejection(xml)).toContain(fragment);
	});

	test('refuses nesting deeper than 16 levels but reads 16', () => {
		const nest = (depth: number) => '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);
		expect(() => parseXml(nest(16))).not.toThrow();
		expect(rejection(nest(17))).toContain('nested deeper');
		expect(rejection(nest(30_000))).toContain('nested deeper');
	});

	test('refuses more than 4096 elements and more than 256 KB', () => {
		expect(rejection(`<xml>${'<A/>'.repeat(5000)}</xml>`)).toContain('more than 4096 elements');
		expect(rejection(`<xml><A>${'x'.repeat(300_000)}</A></xml>`)).toContain('larger than');
	});

	test('billion laughs and quadratic blowup payloads are refused at once', () => {
		const laughs =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>';
		expect(rejection(laughs)).toContain('DTD');
		const started = Date.now();
		expect(rejection(`<xml><A>${'&amp'.repeat(50_000)}</A></xml>`)).toContain('entity');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('JSON data format', () => {
	test('reads the V3c message with every value as a string', () => {
		expect(parseJsonPayload(V3.safe.message)).toEqual({
			ToUserName: 'gh_97417a04a28d',
			FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
			CreateTime: '1714112445',
			MsgType: 'event',
			Event: 'debug_demo',
			debug_str: 'hello world',
		});
	});

	test('keeps numbers beyond 2^53 exact and item lists as arrays', () => {
		const parsed = parseJsonPayload(
			'{"MsgId":3487542469355618313,"Ratio":1.50,"Ok":true,"Nothing":null,"ResultList":{"item":{"ArticleIdx":1}},"Text":"-5 \\" 7"}',
		);
		expect(parsed).toEqual({
			MsgId: '3487542469355618313',
			Ratio: '1.50',
			Ok: 'true',
			Nothing: '',
			ResultList: { item: [{ ArticleIdx: '1' }] },
			Text: '-5 " 7',
		});
	});

	test.each([
		['malformed JSON', '{"a":', 'malformed'],
		['a top-level array', '[1,2]', 'not an object'],
		['deep nesting', '{"a":'.repeat(40) + '1' + '}'.repeat(40), 'nested too deeply'],
		['a __proto__ key', '{"__proto__":{"polluted":1}}', 'reserved'],
	])('refuses %s', (_name, json, fragment) => {
		try {
			parseJsonPayload(json);
			throw new Error('expected a rejection');
		} catch (error) {
			expect(error).toBeInstanceOf(CallbackRejection);
			expect((error as CallbackRejection).status).toBe(400);
			expect((error as CallbackRejection).reason).toContain(fragment);
		}
	});
});

describe('XML reader agrees with xml2js', () => {
	/** Deterministic pseudo-random numbers, so a failing document can be reproduced. */
	function prng(seed: number) {
		let state = seed >>> 0;
		return () => {
			state = (state * 1664525 + 1013904223) >>> 0;
			return state / 4294967296;
		};
	}

	const NAMES = [
		'ToUserName',
		'MsgType',
		'Content',
		'item',
		'ResultList',
		'ArticleIdx',
		'Location_X',
		'a.b',
		'x-y',
	];
	const TEXTS = [
		'hello',
		'你好',
		'1714112445',
		'a &amp; b',
		'&lt;tag&gt;',
		'&#20320;',
		'x]]y',
		'tab\there',
		'',
	];

	function leafText(random: () => number): { xml: string; value: string } {
		const raw = TEXTS[Math.floor(random() * TEXTS.length)];
		if (random() < 0.5) return { xml: `<![CDATA[${raw}]]>`, value: raw };
		const escaped = raw.replace(/]]/g, ']&#93;');
		const value = escaped
			.replace(/&amp;/g, '&')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&#20320;/g, '你')
			.replace(/&#93;/g, ']');
		return { xml: escaped, value };
	}

	function element(random: () => number, depth: number): string {
		const name = NAMES[Math.floor(random() * NAMES.length)];
		if (depth > 3 || random() < 0.55) {
			const leaf = leafText(random);
			return random() < 0.1 && leaf.value === '' ? `<${name}/>` : `<${name}>${leaf.xml}</${name}>`;
		}
		const children = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
			element(random, depth + 1),
		);
		const pad = random() < 0.3 ? '\n  ' : '';
		return `<${name}>${pad}${children.join(pad)}${pad}</${name}>`;
	}

	function normalized(value: unknown): unknown {
		if (Array.isArray(value)) return value.map(normalized);
		if (value === null || typeof value !== 'object') return value;
		const record: Record<string, unknown> = {};
		for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
			const converted = normalized(field);
			record[key] = key === 'item' && !Array.isArray(converted) ? [converted] : converted;
		}
		return record;
	}

	test('on 500 random WeChat-like documents', async () => {
		const random = prng(42);
		for (let n = 0; n < 500; n++) {
			const xml = `<xml>${Array.from({ length: 1 + Math.floor(random() * 6) }, () => element(random, 0)).join('')}</xml>`;
			const reference = (await parseStringPromise(xml, { explicitArray: false, emptyTag: '' })) as {
				xml: unknown;
			};
			expect({ n, parsed: parseXml(xml).root }).toEqual({ n, parsed: normalized(reference.xml) });
		}
	});
});
