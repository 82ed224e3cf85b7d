import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The server configuration (服务器配置) of an Official Account: what WeChat uses to sign and
 * encrypt the messages and events it pushes to the WeChat Trigger, and what Build Passive Reply
 * uses to encrypt replies in safe mode. It holds no AppSecret and calls no WeChat API, so it is
 * tested locally by the nodes (testedBy) rather than with a request.
 */
export class WeChatCallbackApi implements ICredentialType {
	name = 'wechatCallbackApi';

	displayName = 'WeChat Callback API';

	icon = { light: 'file:wechat.svg', dark: 'file:wechat.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-wechat-mass-message/n8n-nodes-wechat-mass-message#wechat-callback-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Token (令牌) you entered under 设置与开发 → 基本配置 → 服务器配置 (Settings and Development → Basic Configuration → Server Configuration): 3 to 32 letters and digits.',
		},
		{
			displayName: 'Message Encryption Mode',
			name: 'encryptionMode',
			type: 'options',
			options: [
				{
					name: 'Plaintext',
					value: 'plaintext',
					description: '明文模式: messages arrive unencrypted',
				},
				{
					name: 'Compatible',
					value: 'compatible',
					description:
						'兼容模式: messages arrive both plain and encrypted; the encrypted copy is used',
				},
				{
					name: 'Safe',
					value: 'safe',
					description: '安全模式 (recommended): messages and replies are encrypted',
				},
			],
			default: 'safe',
			description: 'The 消息加解密方式 (Message Encryption Method) chosen in the same section',
		},
		{
			displayName: 'EncodingAESKey',
			name: 'encodingAesKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { encryptionMode: ['compatible', 'safe'] } },
			description:
				'The 消息加解密密钥 (EncodingAESKey) from the same section: 43 letters and digits.',
		},
		{
			displayName: 'AppID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'wx1234567890abcdef',
			required: true,
			displayOptions: { show: { encryptionMode: ['compatible', 'safe'] } },
			description:
				'The AppID (开发者ID) under 设置与开发 → 基本配置. Decrypted messages must name it, so a message encrypted for another account is refused.',
		},
		{
			displayName: 'Previous EncodingAESKey',
			name: 'previousEncodingAesKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { encryptionMode: ['compatible', 'safe'] } },
			description:
				'Only while changing the key: the former EncodingAESKey, tried when the current one does not open a message. Clear it once the change is done.',
		},
	];
}
