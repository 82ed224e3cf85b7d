/**
 * The one catalogue of WeChat errcodes this package explains. WeChat answers business errors with
 * HTTP 200 and `{ errcode, errmsg }`; errmsg carries a request id suffix (` rid: …`) and changes
 * wording over time, so we branch on the number only and keep WeChat's errmsg as a detail.
 * Sources: ../shared/docs/wechat-api.md §0.1, §A, §B.10, §C, §D.
 */
export interface ErrcodeEntry {
	/** What WeChat means, in plain words. */
	meaning: string;
	/** What the user can do about it. */
	fix: string;
}

const WHITELIST =
	'WeChat console: 设置与开发 → 基本配置 → IP白名单 (Settings and Development → Basic Configuration → IP whitelist)';
const BASIC_CONFIG = '设置与开发 → 基本配置 (Settings and Development → Basic Configuration)';

export const ERRCODES: Readonly<Record<number, ErrcodeEntry>> = {
	[-1]: {
		meaning: 'WeChat reported a system error (system busy)',
		fix: 'Try again in a few seconds. For mass messages this error can also mean that the message type does not match the media, or that the tag ID does not exist.',
	},
	40001: {
		meaning: 'The access token is invalid or not the latest one (another system fetched a new one)',
		fix: 'The node refreshes the token once by itself. If this persists, check that the AppSecret is right and that no other system force-refreshes the token of this AppID.',
	},
	40002: {
		meaning: 'Invalid grant_type',
		fix: 'This is a bug in the node; please report it.',
	},
	40003: {
		meaning: 'An OpenID is not a follower of this Official Account',
		fix: 'Use OpenIDs obtained from this account (for example from List Followers); OpenIDs differ per Official Account.',
	},
	40004: {
		meaning: 'Invalid media type',
		fix: 'Choose one of image, voice, video or thumb.',
	},
	40005: {
		meaning: 'The file type is not accepted for this media type',
		fix: 'Images must be JPG/PNG/GIF, voice AMR/MP3, video MP4, thumbnails JPG.',
	},
	40006: {
		meaning: 'The file size is invalid',
		fix: 'Check the file is not empty and within the size limit.',
	},
	40007: {
		meaning: 'The media_id is invalid, expired or of the wrong kind',
		fix: 'Temporary media expire after 3 days; mpnews needs an unpublished draft media_id (a draft that was published or already mass-sent leaves the draft box); mpvideo needs the id returned by the video conversion.',
	},
	40008: {
		meaning: 'Invalid message type',
		fix: 'Use one of text, mpnews, image, voice, mpvideo or wxcard.',
	},
	40009: {
		meaning: 'The image is too large',
		fix: 'Temporary images must stay under 10 MB (some accounts: 2 MB).',
	},
	40010: {
		meaning: 'The voice file is too large',
		fix: 'Voice files must stay under 2 MB and 60 seconds.',
	},
	40011: { meaning: 'The video file is too large', fix: 'Videos must stay under 10 MB (MP4).' },
	40012: { meaning: 'The thumbnail is too large', fix: 'Thumbnails must be JPG under 64 KB.' },
	40013: {
		meaning: 'The AppID is invalid',
		fix: `Copy the AppID (开发者ID) exactly from ${BASIC_CONFIG}.`,
	},
	40014: {
		meaning: 'The access token is malformed',
		fix: 'The node fetches a fresh token once by itself. If this persists, clear any token you typed yourself.',
	},
	40033: {
		meaning: 'The request contains characters WeChat rejects (\\uXXXX escapes)',
		fix: 'This is a bug in the node; please report it.',
	},
	40059: {
		meaning: 'Unknown msg_id',
		fix: 'Use the msg_id returned by a mass send of this Official Account.',
	},
	40060: {
		meaning: 'Invalid article index',
		fix: 'Article Index is 1-based (1 = first article); use 0 to delete the whole mass message.',
	},
	40125: {
		meaning: 'The AppSecret is wrong',
		fix: `Reset or copy the AppSecret (开发者密码) in ${BASIC_CONFIG} and paste it into the credential.`,
	},
	40130: {
		meaning: 'An OpenID list must contain between 2 and 10,000 OpenIDs',
		fix: 'Send to at least two OpenIDs. For a single follower use Preview, or a customer-service message.',
	},
	40152: {
		meaning: 'Invalid tag (group) ID',
		fix: 'Pick an existing tag from List Tags.',
	},
	40164: {
		meaning: 'The IP address that called WeChat is not in the IP whitelist',
		fix: `Add the IP address shown here to the ${WHITELIST}. If n8n runs behind a changing IP, put a fixed-IP proxy in the credential's API Base URL.`,
	},
	40243: {
		meaning: 'The AppSecret is frozen',
		fix: `Unfreeze or reset the AppSecret in ${BASIC_CONFIG}.`,
	},
	41001: {
		meaning: 'The access token is missing',
		fix: 'This is a bug in the node; please report it.',
	},
	41002: { meaning: 'The AppID is missing', fix: 'Fill in the AppID of the credential.' },
	41004: { meaning: 'The AppSecret is missing', fix: 'Fill in the AppSecret of the credential.' },
	41005: {
		meaning: 'The media file is missing',
		fix: 'Check that the binary property holds a file.',
	},
	42001: {
		meaning: 'The access token has expired',
		fix: 'The node refreshes the token once by itself; if this persists, test the credential.',
	},
	43002: { meaning: 'Wrong HTTP method', fix: 'This is a bug in the node; please report it.' },
	44002: { meaning: 'Empty request body', fix: 'This is a bug in the node; please report it.' },
	45001: { meaning: 'The media file is too large', fix: 'Use a smaller file.' },
	45009: {
		meaning: 'The daily API quota of this Official Account is used up',
		fix: 'Wait until tomorrow (quotas reset at midnight Beijing time), or reset the quota in the WeChat console (a verified account can do this 10 times a month).',
	},
	45011: {
		meaning: 'Too many calls per minute',
		fix: 'Slow down: mass endpoints accept about 60 requests per minute. Try again in a minute.',
	},
	45028: {
		meaning: 'No mass-message quota left',
		fix: 'A subscription account can mass-send once a day; a service account 4 times a month to all followers, and each follower receives at most 4 mass messages a month. Try again when the quota renews.',
	},
	45056: {
		meaning: 'The Official Account already has the maximum of 100 tags',
		fix: 'Delete tags you no longer need (WeChat console: 用户管理 → 标签, User Management → Tags), then try again.',
	},
	45057: {
		meaning: 'The tag has more than 100,000 followers and cannot be deleted',
		fix: 'Remove the tag from its followers first, then delete it.',
	},
	45058: {
		meaning: 'The reserved tags (IDs 0, 1 and 2) cannot be changed or deleted',
		fix: 'Choose a tag that you created yourself.',
	},
	45059: {
		meaning: 'A follower already carries the maximum of 20 tags',
		fix: 'Remove a tag from that follower before adding another one.',
	},
	45065: {
		meaning: 'A mass message with the same clientmsgid was already sent in the last 24 hours',
		fix: 'Nothing to do: the message went out already. Change the Idempotency Key if you really mean to send it again.',
	},
	45066: {
		meaning: 'The same clientmsgid was retried too fast',
		fix: 'Wait one minute before retrying.',
	},
	45067: {
		meaning: 'The clientmsgid is longer than 64 bytes',
		fix: 'This is a bug in the node; please report it.',
	},
	45083: {
		meaning: 'The speed is out of range',
		fix: 'Use a speed level from 0 (fastest) to 4 (slowest).',
	},
	45084: { meaning: 'No speed given', fix: 'Choose a speed level from 0 to 4.' },
	45103: {
		meaning: 'This WeChat API has been retired',
		fix: 'Use drafts (草稿箱) to prepare articles for mpnews mass messages.',
	},
	45157: {
		meaning: 'The tag name is already used or not allowed',
		fix: 'Choose a different tag name.',
	},
	45158: {
		meaning: 'The tag name is too long',
		fix: 'Use a tag name of at most 30 characters.',
	},
	45159: {
		meaning: 'Invalid tag ID',
		fix: 'Pick an existing tag from Audience → List Tags; if tags were just created or deleted, try again in a moment.',
	},
	47001: {
		meaning: 'WeChat could not parse the request',
		fix: 'This is a bug in the node; please report it.',
	},
	48001: {
		meaning: 'The Official Account is not allowed to use this API',
		fix: 'Mass messages need a verified (认证) account; sending to an OpenID list needs a verified service account (服务号). Check 设置与开发 → 接口权限 (Settings and Development → API permissions).',
	},
	61004: {
		meaning: 'The IP address that called WeChat is not in the IP whitelist',
		fix: `Add the server's IP address to the ${WHITELIST}.`,
	},
	89503: {
		meaning: 'WeChat holds this call for confirmation by the account administrator',
		fix: 'The administrator received a confirmation message in WeChat; approve it, then try again. If rejected, this IP is blocked for an hour.',
	},
	89504: {
		meaning: 'Waiting for the account administrator to confirm',
		fix: 'Ask the administrator to approve the request in WeChat, then try again.',
	},
	89505: {
		meaning: 'Waiting for the account administrator to confirm',
		fix: 'Ask the administrator to approve the request in WeChat, then try again.',
	},
	9500002: {
		meaning: 'WeChat has too many mass jobs running',
		fix: 'Try again later.',
	},
};

/** Token errors that a fresh access token can cure. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export function describeErrcode(errcode: number): ErrcodeEntry {
	return (
		ERRCODES[errcode] ?? {
			meaning: `WeChat returned error ${errcode}`,
			fix: "Look the code up in WeChat's global return codes (全局返回码) documentation.",
		}
	);
}
