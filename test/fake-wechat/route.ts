import type { FakeAccount } from './account';
import type { FakeClock } from './clock';
import type { IdSource } from './ids';
import type { ParsedMultipart } from './multipart';
import type { TokenRegistry } from './tokens';
import type { AccountLimits, Quirks, RequestLogEntry } from './types';
import { fail, type Reply } from './wire';

/** Server state the route handlers read and change. */
export interface FakeState {
	accounts: Map<string, FakeAccount>;
	quirks: Quirks;
	clock: FakeClock;
	ids: IdSource;
	tokens: TokenRegistry;
}

export interface RouteContext {
	entry: RequestLogEntry;
	method: string;
	query: Record<string, string>;
	/** Parsed JSON body when the route takes one ({} for an allowed empty body). */
	json: Record<string, unknown>;
	rawBody: Buffer;
	multipart?: ParsedMultipart;
	/** The account the access_token belongs to (business routes only). */
	account: FakeAccount;
	/** Remote address of the socket, e.g. `::ffff:127.0.0.1`. */
	ip: string;
	state: FakeState;
}

export interface Route {
	/** POST routes answer 43002 to other methods; ANY routes accept GET and POST. */
	method: 'POST' | 'ANY';
	/** Business APIs check access_token first (41001/40014/40001/42001). */
	auth: boolean;
	/** json: 44002 on empty, 47001 on malformed; optionalJson: empty means {}. */
	body: 'json' | 'optionalJson' | 'multipart' | 'none';
	handle(ctx: RouteContext): Reply;
}

export type RouteTable = Record<string, Route>;

export const QUOTA_COUNTERS = {
	classicToken: 'classicToken',
	stableToken: 'stableToken',
	stableForce: 'stableForce',
	massApi: 'massApi',
	previewTowxname: 'previewTowxname',
	userGet: 'userGet',
	mediaUpload: 'mediaUpload',
	uploadnews: 'uploadnews',
	draftAdd: 'draftAdd',
} as const;

/** Daily quotas that /cgi-bin/openapi/quota/get reports, by cgi_path. */
export const QUOTA_PATHS: Record<string, { counter: string; limit: (l: AccountLimits) => number }> =
	{
		'/cgi-bin/token': { counter: 'classicToken', limit: (l) => l.classicTokenPerDay },
		'/cgi-bin/stable_token': { counter: 'stableToken', limit: (l) => l.stableTokenPerDay },
		'/cgi-bin/message/mass/sendall': { counter: 'massApi', limit: (l) => l.massApiPerDay },
		'/cgi-bin/message/mass/send': { counter: 'massApi', limit: (l) => l.massApiPerDay },
		'/cgi-bin/message/mass/preview': {
			counter: 'previewTowxname',
			limit: (l) => l.previewTowxnamePerDay,
		},
		'/cgi-bin/user/get': { counter: 'userGet', limit: (l) => l.userGetPerDay },
		'/cgi-bin/media/upload': { counter: 'mediaUpload', limit: (l) => l.mediaUploadPerDay },
		'/cgi-bin/media/uploadnews': { counter: 'uploadnews', limit: (l) => l.uploadnewsPerDay },
		'/cgi-bin/draft/add': { counter: 'draftAdd', limit: (l) => l.draftAddPerDay },
	};

export const QUOTA_EXCEEDED = 'reach max api daily quota limit';

/** Counts one call against a daily quota; the call that goes over it gets 45009. */
export function overDailyQuota(
	account: FakeAccount,
	counter: string,
	limit: number,
): Reply | undefined {
	return account.count(counter) > limit ? fail(45009, QUOTA_EXCEEDED) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}
