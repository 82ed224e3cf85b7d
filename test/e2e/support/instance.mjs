/**
 * One real n8n per test file: fresh user folder, the packed package installed as a community
 * package, credentials and workflows imported with n8n's CLI, trigger workflows published and
 * `n8n start` running. Stopped (with its process group) in the file's `after` hook.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createN8n,
	importCredentials,
	importWorkflow,
	publishWorkflow,
	startN8n,
	stopN8n,
	waitForWebhook,
} from '../../../scripts/lib/n8n.mjs';
import { FAKE_BUILD_DIR } from '../../../scripts/lib/project.mjs';
import { workRoot } from '../../../scripts/lib/runtime.mjs';

export function e2eSettings() {
	const tarball = process.env.WECHAT_E2E_TARBALL;
	const workDir = process.env.WECHAT_E2E_WORKDIR || join(workRoot(), 'e2e');
	if (!tarball || !existsSync(tarball)) {
		throw new Error(
			'The end-to-end suite needs the packed package: run it through `npm test` ' +
				'(or set WECHAT_E2E_TARBALL to an npm-pack tarball).',
		);
	}
	return { tarball, workDir };
}

/**
 * Prepares and (unless `start: false`) starts n8n. `publish` lists workflow ids to activate before
 * the start and `webhooks` the production paths (`<webhookId>/<path>`) to wait for; the instance's
 * `webhookUrl(webhookId, path)` gives production webhook URLs.
 */
export async function launchN8n({
	name,
	version,
	credentials = [],
	workflows = [],
	publish = [],
	webhooks = [],
	start = true,
	env = {},
}) {
	const { tarball, workDir } = e2eSettings();
	const instance = await createN8n({ workDir, tarball, version, env, name });
	if (credentials.length > 0) await importCredentials(instance, credentials);
	if (workflows.length > 0) await importWorkflow(instance, workflows);
	for (const id of publish) await publishWorkflow(instance, id);
	if (start) {
		await startN8n(instance);
		for (const path of webhooks) await waitForWebhook(instance, path);
	}
	instance.webhookUrl = (webhookId, path) => `${instance.baseUrl}/webhook/${webhookId}/${path}`;
	return instance;
}

export async function shutdown(instance) {
	if (instance) await stopN8n(instance);
}

/** The compiled fake WeChat API (scripts/lib/project.mjs buildFake), loaded into this process. */
export async function startFake(options) {
	const entry = join(FAKE_BUILD_DIR, 'index.js');
	if (!existsSync(entry)) {
		throw new Error(
			`${entry} is missing: compile it with npx tsc -p test/fake-wechat/tsconfig.build.json`,
		);
	}
	const fake = await import(entry);
	return await (fake.startFakeWeChat ?? fake.default.startFakeWeChat)(options);
}

/**
 * What n8n reported about loading our package: problems it logged, and whether the node and
 * credential types reached the types file it serves to the editor (written at every start).
 */
export function packageLoadReport(instance) {
	const problems = (instance.output ?? '')
		.split('\n')
		.filter((line) => !line.startsWith('    at '))
		.filter(
			(line) =>
				/n8n-nodes-wechat-mass-message/.test(line) && /skip|fail|error|could not/i.test(line),
		);
	const typesDir = join(instance.userFolder, '.cache', 'n8n', 'public', 'types');
	const names = (file) =>
		JSON.parse(readFileSync(join(typesDir, file), 'utf8'))
			.map((type) => type.name)
			.filter(
				(name) => name.startsWith('n8n-nodes-wechat-mass-message.') || name.startsWith('wechat'),
			);
	return {
		problems,
		nodes: names('nodes.json').sort(),
		credentials: names('credentials.json').sort(),
	};
}
