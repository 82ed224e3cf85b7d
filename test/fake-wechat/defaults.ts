import type { AccountLimits, Quirks } from './types';

export function defaultQuirks(): Quirks {
	return {
		ridSuffix: true,
		wrongSecretErrcode: 40125,
		ipNotWhitelistedErrcode: 40164,
		unknownTokenErrcode: 40014,
		classicGraceMs: 300_000,
		stableForceGraceMs: 0,
		stableRotateBeforeMs: 300_000,
		stableForceSpacingMs: 30_000,
		rejectUnicodeEscapes: true,
		rejectStringFilterTypes: true,
		mpnewsToAllNeedsTagId: false,
		acceptGroupId: true,
		mediaKindMismatchErrcode: 40007,
		draftSurvivesBatches: true,
		acceptSingleImageForm: false,
		subscriptionMassSend: false,
		acceptVideoMsgtypeInSend: false,
		massMinuteLimitErrcode: 45011,
		clientMsgIdMaxBytes: 64,
		clientMsgIdRetryTooFastMs: 60_000,
		clientMsgIdWindowMs: 86_400_000,
		tempImageLimitMb: 10,
		speedExampleMode: false,
		omitDataOnEmptyPage: true,
		uploadnewsDeprecated: false,
		jobFinishDelayMs: 100,
		userGetPageSize: 10_000,
		tagPageSize: 10_000,
	};
}

export function defaultLimits(): AccountLimits {
	return {
		classicTokenPerDay: 2000,
		stableTokenPerDay: 500_000,
		stableTokenPerMinute: 10_000,
		stableForcePerDay: 20,
		tokenTtlSeconds: 7200,
		massApiPerDay: 100,
		massApiPerMinute: 60,
		subscriptionSendallPerDay: 1,
		serviceToAllPerMonth: 4,
		receiptsPerFollowerPerMonth: 4,
		previewTowxnamePerDay: 100,
		userGetPerDay: 500,
		mediaUploadPerDay: 100_000,
		uploadnewsPerDay: 10,
		draftAddPerDay: 1000,
		permanentImageCap: 100_000,
		permanentOtherCap: 1000,
		maxTags: 100,
		tagsPerFollower: 20,
	};
}
