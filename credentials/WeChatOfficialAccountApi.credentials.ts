import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { TokenCredentialData } from '../nodes/shared/token/tokenBroker';
import { obtainToken } from '../nodes/shared/token/tokenBroker';

/**
 * AppID + AppSecret of an Official Account. The access token is a hidden, expirable field filled
 * by `preAuthentication`: n8n stores it in its database, so every process of the instance (main,
 * workers, webhook processors) shares it instead of fetching its own.
 */
export class WeChatOfficialAccountApi implements ICredentialType {
	name = 'wechatOfficialAccountApi';

	displayName = 'WeChat Official Account API';

	icon = { light: 'file:wechat.svg', dark: 'file:wechat.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-wechat-mass-message/n8n-nodes-wechat-mass-message#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'AppID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wx1234567890abcdef',
			description:
				'The AppID (开发者ID) from the WeChat console: 设置与开发 → 基本配置 (Settings and Development → Basic Configuration).',
		},
		{
			displayName: 'AppSecret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The AppSecret (开发者密码) from the same page. WeChat shows it only once; reset it there if you lost it.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.weixin.qq.com',
			description:
				'Leave the default unless calls must leave through a fixed-IP proxy (WeChat only accepts calls from whitelisted IP addresses), e.g. http://203.0.113.7:8080.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Forced Refresh Log',
			name: 'forcedRefreshLog',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: IDataObject) {
		const grant = await obtainToken(
			this.helpers.httpRequest,
			credentials as unknown as TokenCredentialData,
		);
		return { ...grant };
	}

	/**
	 * Every WeChat API takes the token as the `access_token` query parameter. A function rather
	 * than a generic `={{$credentials.accessToken}}` block: n8n would evaluate that expression
	 * for every request, which costs more than the rest of a 10,000-OpenID batch.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		qs: { ...(requestOptions.qs ?? {}), access_token: credentials.accessToken },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/cgi-bin/get_api_domain_ip',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40001,
					message:
						'WeChat refused the access token (40001): another system may be force-refreshing the token of this AppID.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 48001,
					message:
						'The credential works, but this Official Account may not call this API (48001): mass messages need a verified account.',
				},
			},
		],
	};
}
