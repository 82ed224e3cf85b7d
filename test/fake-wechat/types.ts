/**
 * Public types of the fake WeChat Official Account API. Names here are a contract with the
 * other test suites (credential, node, trigger, e2e, bench); extend, never rename.
 */

/** Switches for behaviours the research marked [conflict] or [unverified] (wechat-api.md §G). */
export interface Quirks {
	/** Append ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` to every errmsg. */
	ridSuffix: boolean;
	/** §G.3: wrong AppSecret answers 40125 (observed) or 40001 (old doc). */
	wrongSecretErrcode: 40125 | 40001;
	/** §G.2: caller IP not whitelisted answers 40164 (observed) or 61004 (2025 guide). */
	ipNotWhitelistedErrcode: 40164 | 61004;
	/** A token this server never issued answers 40014 or 40001. */
	unknownTokenErrcode: 40014 | 40001;
	/** How long a superseded classic token keeps working (documented: 5 minutes). */
	classicGraceMs: number;
	/** §G.4: grace for the previous stable token after force_refresh (unverified, default 0). */
	stableForceGraceMs: number;
	/** Stable normal mode hands out the next token when the current one has less left than this. */
	stableRotateBeforeMs: number;
	/** A second force_refresh sooner than this returns the current token unchanged. */
	stableForceSpacingMs: number;
	/** Reject `\uXXXX` escapes of non-ASCII characters in JSON bodies with 40033. */
	rejectUnicodeEscapes: boolean;
	/** `filter.is_to_all` / `filter.tag_id` sent as strings answer 40008; when false they are coerced. */
	rejectStringFilterTypes: boolean;
	/** §G.7: mpnews sendall with `is_to_all: true` and no `tag_id` key answers 40152. */
	mpnewsToAllNeedsTagId: boolean;
	/** Accept the historic `filter.group_id` as an alias of `tag_id`. */
	acceptGroupId: boolean;
	/** A media_id that exists but is of another kind than the msgtype needs: 40007 or -1. */
	mediaKindMismatchErrcode: 40007 | -1;
	/**
	 * §G.8: when true a draft used by mass/send stays usable for further batches; when false the
	 * first mass/send consumes it and the next batch gets 40007. sendall and freepublish always
	 * remove the draft, as documented.
	 */
	draftSurvivesBatches: boolean;
	/** Accept the single-image form `image: {media_id}` in sendall/send (preview always does). */
	acceptSingleImageForm: boolean;
	/** §G.10: mass/send works on subscription accounts (old doc: service accounts only → 48001). */
	subscriptionMassSend: boolean;
	/** §G.9: accept msgtype `video` in mass/send as a synonym of `mpvideo`. */
	acceptVideoMsgtypeInSend: boolean;
	/** §G.5: errcode for the 60/minute sendall+send limit; null disables the limit. */
	massMinuteLimitErrcode: number | null;
	/** Byte limit of clientmsgid (§G.6: doc 64; one report suggests less). */
	clientMsgIdMaxBytes: number;
	/** A repeat clientmsgid sooner than this answers 45066, later (within the window) 45065. */
	clientMsgIdRetryTooFastMs: number;
	/** How far back clientmsgid repeats are detected. */
	clientMsgIdWindowMs: number;
	/** §G.9: temporary image limit, 2 MB or 10 MB. */
	tempImageLimitMb: 2 | 10;
	/** §G.9: speed/get answers realspeed 15 for speed 3, like the doc example, instead of 30. */
	speedExampleMode: boolean;
	/** user/get and user/tag/get omit `data` on the final, empty page. */
	omitDataOnEmptyPage: boolean;
	/** §G.8: media/uploadnews answers 45103 as if switched off. */
	uploadnewsDeprecated: boolean;
	/** A submitted mass job finishes this long after submission; null = only via finishJob(). */
	jobFinishDelayMs: number | null;
	/** Page size of user/get. */
	userGetPageSize: number;
	/** §G.10: page size of user/tag/get. */
	tagPageSize: number;
}

/** Per-account quotas; raise or lower them in a test to reach a limit quickly. */
export interface AccountLimits {
	classicTokenPerDay: number;
	stableTokenPerDay: number;
	stableTokenPerMinute: number;
	stableForcePerDay: number;
	tokenTtlSeconds: number;
	/** sendall + send calls per day (service accounts: 100). */
	massApiPerDay: number;
	/** sendall + send calls per minute. */
	massApiPerMinute: number;
	/** Successful sendall per day on a subscription account. */
	subscriptionSendallPerDay: number;
	/** `is_to_all: true` sends per month on a service account. */
	serviceToAllPerMonth: number;
	/** Mass messages a follower of a service account can receive per month. */
	receiptsPerFollowerPerMonth: number;
	previewTowxnamePerDay: number;
	userGetPerDay: number;
	mediaUploadPerDay: number;
	uploadnewsPerDay: number;
	draftAddPerDay: number;
	permanentImageCap: number;
	permanentOtherCap: number;
	maxTags: number;
	tagsPerFollower: number;
}

export interface MultipartFile {
	name: string;
	filename: string;
	contentType: string;
	size: number;
	sha256: string;
}

export interface RequestLogEntry {
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	appId?: string;
	token?: string;
	json?: unknown;
	rawBody: Buffer;
	multipart?: { fields: Record<string, string>; files: MultipartFile[] };
	/** HTTP status sent; 0 when the socket was dropped before answering. */
	status: number;
	/** The JSON body as sent (parsed back), or the raw text for non-JSON answers. */
	response: unknown;
	/** Set when an injection rule handled this request: the action type. */
	injected?: string;
}

export type InjectionAction =
	| { type: 'errcode'; errcode: number; errmsg?: string; extra?: object }
	| { type: 'dropBeforeProcess' }
	| { type: 'dropAfterProcess' }
	/** Process normally (a mass job IS submitted), then answer this errcode instead. */
	| { type: 'errcodeAfterProcess'; errcode: number; errmsg?: string }
	| { type: 'delayAfterProcess'; ms: number }
	| { type: 'httpStatus'; status: number; body?: string };

export interface InjectionRule {
	/** Exact request path, or '*' for every path. */
	path: string;
	appId?: string;
	/** How many matching requests this rule handles; default 1. */
	times?: number;
	when?: (e: RequestLogEntry) => boolean;
	action: InjectionAction;
}

export type AccountType = 'service' | 'subscription';

export interface TagSeed {
	id: number;
	name: string;
	/** OpenIDs, or a count N meaning the first N followers. */
	members: string[] | number;
}

export interface AccountOptions {
	appId: string;
	appSecret: string;
	type?: AccountType;
	verified?: boolean;
	/** A count generates that many deterministic OpenIDs. */
	followers?: number | string[];
	/** null (default) disables the check; [] refuses every IP. */
	ipWhitelist?: string[] | null;
	tags?: TagSeed[];
}

export type MediaKind = 'image' | 'voice' | 'video' | 'thumb' | 'news' | 'mpvideo';

export interface MediaRecord {
	mediaId: string;
	kind: MediaKind;
	permanent: boolean;
	createdAt: number;
	/** ms timestamp; null for permanent material. */
	expiresAt: number | null;
	size: number;
	sha256: string;
	filename?: string;
	contentType?: string;
	url?: string;
	/** uploadnews bundles. */
	articles?: Record<string, unknown>[];
	/** uploadvideo: the video media the mass video id was made from. */
	sourceMediaId?: string;
	title?: string;
	description?: string;
}

export interface DraftRecord {
	mediaId: string;
	articles: Record<string, unknown>[];
	createdAt: number;
	/** Set when freepublish or a mass send removed it from the draft box. */
	removedAt?: number;
	removedBy?: 'publish' | 'mass';
	publishId?: string;
}

export type MassStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

export interface MassJob {
	msgId: string;
	msgDataId?: string;
	appId: string;
	api: 'sendall' | 'send';
	msgtype: string;
	/** Identifies the content: `mpnews:<media_id>`, `text:<content>`, `image:<id,id>`, … */
	msgKey: string;
	mediaIds: string[];
	body: Record<string, unknown>;
	clientmsgid: string;
	clientmsgidDerived: boolean;
	isToAll: boolean;
	tagId?: number;
	/** Followers that received it (audience after the monthly-receipt filter). */
	recipients: string[];
	totalCount: number;
	filterCount: number;
	sentCount: number;
	errorCount: number;
	status: MassStatus;
	/** MASSSENDJOBFINISH `Status`: `send success`, `send fail` or `err(N)`. */
	finishStatus?: string;
	createdAt: number;
	finishAt: number | null;
	finishedAt?: number;
	sendIgnoreReprint: number;
	articleCount: number;
	articleUrls: string[];
	deletedArticles: number[];
}

export interface PreviewRecord {
	msgId: string;
	at: number;
	touser?: string;
	towxname?: string;
	msgtype: string;
	msgKey: string;
}
