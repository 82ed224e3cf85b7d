/**
 * Builders for the credential and workflow JSON that n8n's import commands take. Node types use
 * the community-package prefix, exactly as workflows of users who installed the package do.
 */
export const ACTION_NODE = 'n8n-nodes-wechat-mass-message.weChatMassMessage';
export const TRIGGER_NODE = 'n8n-nodes-wechat-mass-message.weChatTrigger';

export function officialAccountCredential({
	id,
	name = 'WeChat (fake API)',
	appId,
	appSecret,
	baseUrl,
}) {
	return { id, name, type: 'wechatOfficialAccountApi', data: { appId, appSecret, baseUrl } };
}

export function callbackCredential({
	id,
	name = 'WeChat callback (fake)',
	token,
	encodingAesKey,
	appId,
	mode = 'safe',
}) {
	return {
		id,
		name,
		type: 'wechatCallbackApi',
		data: { token, encryptionMode: mode, encodingAesKey, appId },
	};
}

let position = 0;

export function node(name, type, parameters = {}, extra = {}) {
	position += 220;
	return {
		id: `${name}-${position}`.replace(/\W+/g, '-'),
		name,
		type,
		typeVersion: 1,
		position: [position, 0],
		parameters,
		...extra,
	};
}

export function manualTrigger(name = 'Manual') {
	return node(name, 'n8n-nodes-base.manualTrigger');
}

export function weChatAction(name, parameters, credential) {
	return node(name, ACTION_NODE, parameters, {
		credentials: { wechatOfficialAccountApi: { id: credential.id, name: credential.name } },
	});
}

export function weChatTrigger(name, parameters, credential, webhookId) {
	return node(name, TRIGGER_NODE, parameters, {
		webhookId,
		credentials: { wechatCallbackApi: { id: credential.id, name: credential.name } },
	});
}

/** `links`: [from, to, fromOutputIndex?] triples. */
export function workflow({ id, name, nodes, links }) {
	const connections = {};
	for (const [from, to, output = 0] of links) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}
