/** Callback bodies shaped like WeChat's (docs/wechat-api.md §E.8, §E.9). */

export const ACCOUNT_ID = 'gh_4d00ed8d6399';
export const FOLLOWER = 'oV5CrjpxgaGXNHIQigzNlgLTnwic';

export function textMessageXml(
	content: string,
	msgId = '23202806689943943',
	createTime = 1714112445,
) {
	return (
		`<xml><ToUserName><![CDATA[${ACCOUNT_ID}]]></ToUserName><FromUserName><![CDATA[${FOLLOWER}]]></FromUserName>` +
		`<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
		`<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
	);
}

export function eventXml(event: string, extra = '', createTime = 1714112445, from = FOLLOWER) {
	return (
		`<xml><ToUserName><![CDATA[${ACCOUNT_ID}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
		`<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
		`<Event><![CDATA[${event}]]></Event>${extra}</xml>`
	);
}

/**
 * A MASSSENDJOBFINISH report with one CopyrightCheckResult and one ArticleUrlResult entry per
 * article; with eight articles the XML is about 3 KB, with five about 2 KB.
 */
export function massJobFinishXml(articles: number, msgId = '3147483673'): string {
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
			`<item><ArticleIdx>${i + 1}</ArticleIdx><ArticleUrl><![CDATA[https://mp.weixin.qq.com/s?__biz=MzA&mid=${msgId}&idx=${i + 1}]]></ArticleUrl></item>`,
	).join('');
	return eventXml(
		'MASSSENDJOBFINISH',
		`<MsgID>${msgId}</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100000</TotalCount>` +
			`<FilterCount>99870</FilterCount><SentCount>99860</SentCount><ErrorCount>10</ErrorCount>` +
			`<CopyrightCheckResult><Count>${articles}</Count><ResultList>${copyright}</ResultList><CheckState>1</CheckState></CopyrightCheckResult>` +
			`<ArticleUrlResult><Count>${articles}</Count><ResultList>${urls}</ResultList></ArticleUrlResult>`,
		1714112445,
		'mphelper',
	);
}
