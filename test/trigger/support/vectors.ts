/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- published test vectors, not secrets */
/** Official and derived vectors from docs/wechat-api.md §E.6, reproduced exactly. */

export const V1 = {
	token: 'pamtest',
	encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	appId: 'wxb11529c136998cb6',
	timestamp: '1409304348',
	nonce: 'xxxxxx',
	random: 'aaaabbbbccccdddd',
	ivHex: '69b71d79f8218a39259a7a29aabb2dba',
	shortText: '我是中文abcd123',
	shortEncrypt:
		'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
	shortMsgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
	videoXml:
		'<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
	videoEncrypt:
		'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
};

export const V2 = {
	token: 'pamtest',
	encodingAesKey: V1.encodingAesKey,
	appId: V1.appId,
	timestamp: '1458300676',
	nonce: '260774613',
	msgSignature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890',
	encrypt:
		'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==',
	random: 'd43123b161a4ba84',
	message:
		'<xml><URL><![CDATA[http://wechat.laravel.so/server]]></URL><ToUserName><![CDATA[asdasdasd]]></ToUserName><FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName><CreateTime>1234567898</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>12345</MsgId></xml>',
};

export const V3 = {
	token: 'AAAAA',
	encodingAesKey: 'A'.repeat(43),
	appId: 'wxba5fad812f8e6fb9',
	get: {
		timestamp: '1714036504',
		nonce: '1514711492',
		echostr: '4375120948345356249',
		signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
	},
	plain: {
		timestamp: '1714037059',
		nonce: '486452656',
		signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78',
		body: '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714037059,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
	},
	safe: {
		query: {
			signature: '6c5c811b55cc85e0e1b54100749188c20beb3f5d',
			timestamp: '1714112445',
			nonce: '415670741',
			openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
			encrypt_type: 'aes',
			msg_signature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
		},
		body: '{"ToUserName":"gh_97417a04a28d","Encrypt":"+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="}',
		random: 'a8eedb185eb2fecf',
		message:
			'{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
	},
	reply: {
		random: '707722b803182950',
		message: '{"demo_resp":"good luck"}',
		encrypt:
			'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
		timestamp: '1713424427',
		nonce: '415670741',
		msgSignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
	},
};

export const V4 = {
	token: 'AAAAA',
	encodingAesKey: 'A'.repeat(43),
	appId: 'wxba5fad812f8e6fb9',
	random: '0123456789abcdef',
	message: 'abcdefghijklmnopqrstuvwxyz',
	encrypt:
		'uMMzGtqcnpOzXOYBwDQNreOzv02yzI0bkPPytDAr20xVHmHdVW0O92RuUcMCuXN4DMkboHlg4Y+oen1qwCcKBZ0fonDVqWBDlWtYlGIvdUH71ANvK32Zc5HlRO7GXLLl',
	timestamp: '1714112445',
	nonce: '415670741',
	msgSignature: 'dcf7f4ea30bd32918f8a5e386aed9ff923af1c7e',
};

export const V5 = {
	wechatCrypto: {
		token: 'RMNlACHlV5ThzfRlVS4D4',
		encodingAesKey: 'bAZC8S8nz5fcQ0Ui2HxQVGbC6FzyrzWKSuDbmzpBo3G',
		id: 'wx1570bcc0b3cf8bd0',
		signature: '8edac0945683c119ee71c9f6256d76c48aa08a96',
	},
	wxJava: { parts: ['123', '345'], signature: '9f537aeb751ec72605f57f94a2f6dc3e3958e1dd' },
	silenceper: { parts: ['a', 'b', 'c'], signature: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
};
