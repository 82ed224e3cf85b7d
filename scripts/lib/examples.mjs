/**
 * The importable example workflows in examples/ and the sandbox credentials they refer to.
 * Examples name their credentials by the sandbox ids below; in a user's own n8n the ids do not
 * exist and the editor asks which credential to use, which is how shared workflows behave.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { REPO_ROOT } from './runtime.mjs';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export const SANDBOX_OFFICIAL_CREDENTIAL = {
	id: 'sandboxWeChatApi01',
	name: 'WeChat Sandbox (fake API)',
};
export const SANDBOX_CALLBACK_CREDENTIAL = {
	id: 'sandboxCallback01',
	name: 'WeChat Sandbox Callback',
};

/** Written in examples where only the user knows the value (e.g. this week's draft). */
export const DRAFT_PLACEHOLDER = 'YOUR_DRAFT_MEDIA_ID';

export function exampleFiles() {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => join(EXAMPLES_DIR, file));
}

const SANDBOX_CREDENTIAL_BY_TYPE = {
	wechatOfficialAccountApi: SANDBOX_OFFICIAL_CREDENTIAL,
	wechatCallbackApi: SANDBOX_CALLBACK_CREDENTIAL,
};

/**
 * Every example, ready to import next to the sandbox credentials: placeholders filled for an
 * account of the fake WeChat API, WeChat credentials pointed at the sandbox ones, and an id
 * (from the file name) for examples saved without one, since `n8n import:workflow` needs it.
 */
export function loadExamples({ draftMediaId } = {}) {
	return exampleFiles().map((file) => {
		let text = readFileSync(file, 'utf8');
		if (draftMediaId) text = text.replaceAll(DRAFT_PLACEHOLDER, draftMediaId);
		const workflow = JSON.parse(text);
		workflow.id ??= idFromFileName(file);
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) {
				if (SANDBOX_CREDENTIAL_BY_TYPE[type])
					node.credentials[type] = { ...SANDBOX_CREDENTIAL_BY_TYPE[type] };
			}
		}
		return { file, workflow };
	});
}

/** `keyword-auto-reply.json` → `exKeywordAutoReply` (n8n accepts ids of at most 21 characters). */
function idFromFileName(file) {
	const words = basename(file, '.json')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean);
	const camel = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
	return `ex${camel}`.slice(0, 21);
}

export function sandboxCredentials({ baseUrl, appId, appSecret, callbackToken, encodingAesKey }) {
	return [
		{
			...SANDBOX_OFFICIAL_CREDENTIAL,
			type: 'wechatOfficialAccountApi',
			data: { appId, appSecret, baseUrl },
		},
		{
			...SANDBOX_CALLBACK_CREDENTIAL,
			type: 'wechatCallbackApi',
			data: { token: callbackToken, encryptionMode: 'safe', encodingAesKey, appId },
		},
	];
}

/** The production path of each webhook-started node: `<webhookId>/<path>` or the plain path. */
export function webhookPaths(workflow) {
	return workflow.nodes.flatMap((node) => {
		if (node.type === 'n8n-nodes-base.webhook') return [node.parameters.path];
		if (node.type.endsWith('.weChatTrigger')) return [`${node.webhookId}/webhook`];
		return [];
	});
}

export function isTriggered(workflow) {
	return webhookPaths(workflow).length > 0;
}
