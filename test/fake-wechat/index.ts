/**
 * Fake WeChat Official Account API for tests: a stateful, per-AppID HTTP server on loopback that
 * answers like api.weixin.qq.com (wechat-api.md §F). Start it, point a credential's base URL at
 * `fake.url`, and assert on `fake.log` and the account state.
 */
export { startFakeWeChat, type FakeWeChat, type StartOptions } from './server';
export { FakeAccount, type FakeTag } from './account';
export { FakeClock } from './clock';
export { defaultLimits, defaultQuirks } from './defaults';
export { generateOpenIds, MAX_GENERATED_FOLLOWERS } from './followers';
export { messageKey } from './mass-message';
export { NOT_LATEST_ERRMSG, type TokenRecord } from './tokens';
export type {
	AccountLimits,
	AccountOptions,
	AccountType,
	DraftRecord,
	InjectionAction,
	InjectionRule,
	MassJob,
	MassStatus,
	MediaKind,
	MediaRecord,
	MultipartFile,
	PreviewRecord,
	Quirks,
	RequestLogEntry,
	TagSeed,
} from './types';
