import { nonEmptyString, QUOTA_PATHS, type RouteContext, type RouteTable } from './route';
import { fail, ok, type Reply } from './wire';

const CLEAR_QUOTA_PER_MONTH = 10;

/** Addresses of api.weixin.qq.com as the real endpoint lists them (sample values). */
const API_DOMAIN_IPS = [
	'101.89.47.18',
	'101.91.34.103',
	'101.91.37.179',
	'109.244.129.223',
	'109.244.145.31',
];

function quotaGet(ctx: RouteContext): Reply {
	const path = ctx.json.cgi_path;
	const quota = nonEmptyString(path) ? QUOTA_PATHS[path] : undefined;
	if (!quota) return fail(76021, 'cgi_path not found, please check');
	const dailyLimit = quota.limit(ctx.account.limits);
	const used = ctx.account.used(quota.counter);
	return ok({
		errcode: 0,
		errmsg: 'ok',
		quota: { daily_limit: dailyLimit, used, remain: Math.max(0, dailyLimit - used) },
	});
}

/** Resets the daily counters; verified accounts may do it 10 times a month. */
function clearQuota(ctx: RouteContext): Reply {
	const { account } = ctx;
	if (ctx.json.appid !== account.appId) return fail(40013, 'invalid appid');
	if (account.count('clearQuota', 'month') > CLEAR_QUOTA_PER_MONTH) {
		return fail(48006, 'forbid to clear quota because of reaching the limit');
	}
	account.resetDailyUsage();
	return ok({ errcode: 0, errmsg: 'ok' });
}

export const miscRoutes: RouteTable = {
	'/cgi-bin/openapi/quota/get': { method: 'POST', auth: true, body: 'json', handle: quotaGet },
	'/cgi-bin/clear_quota': { method: 'POST', auth: true, body: 'json', handle: clearQuota },
	'/cgi-bin/get_api_domain_ip': {
		method: 'ANY',
		auth: true,
		body: 'none',
		handle: () => ok({ ip_list: API_DOMAIN_IPS }),
	},
};
