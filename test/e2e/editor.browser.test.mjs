/**
 * The n8n editor in a real browser (Debian chromium driven by playwright-core): the example
 * workflows open with every node known and valid, our nodes show their own icons, and the panels
 * of both WeChat nodes render their parameters (the tag list is loaded from the fake WeChat API).
 * Screenshots go to docs/screenshots/ (ignored); WECHAT_UPDATE_DOCS_SCREENSHOTS=1 also refreshes
 * the few committed under docs/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import {
	loadExamples,
	sandboxCredentials,
	SANDBOX_OFFICIAL_CREDENTIAL,
} from '../../scripts/lib/examples.mjs';
import { ownerEnv } from '../../scripts/lib/n8n.mjs';
import { N8N_CURRENT, REPO_ROOT } from '../../scripts/lib/runtime.mjs';
import { launchN8n, shutdown, startFake } from './support/instance.mjs';
import { manualTrigger, weChatAction, workflow } from './support/workflows.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const DOCS = join(REPO_ROOT, 'docs');
const OWNER = { email: 'browser-check@example.com', password: 'Browser-Check-1' };
const APP_ID = 'wxbrowsercheck00001';
const APP_SECRET = 'browserCheckSecret00000000000001';
const OUR_ICON = 'img[src*="/icons/n8n-nodes-wechat-mass-message/"]';

const tagFlow = workflow({
	id: 'browserSendToTag01',
	name: 'Browser check: Send to Tag',
	nodes: [
		manualTrigger(),
		weChatAction(
			'Send to Tag',
			{
				resource: 'massMessage',
				operation: 'sendToTag',
				tagId: 100,
				messageType: 'text',
				text: 'Hello',
			},
			SANDBOX_OFFICIAL_CREDENTIAL,
		),
	],
	links: [['Manual', 'Send to Tag']],
});

async function shoot(page, name, { docs = false } = {}) {
	mkdirSync(SHOTS, { recursive: true });
	const file = join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	if (docs && process.env.WECHAT_UPDATE_DOCS_SCREENSHOTS === '1')
		copyFileSync(file, join(DOCS, `${name}.png`));
}

/** Per canvas node: its type, whether n8n knows it, shows issues, and our icon's loaded width. */
async function canvasNodes(page) {
	return await page.$$eval(
		'[data-test-id="canvas-node"]',
		(elements, iconSelector) =>
			elements.map((element) => ({
				name: element.getAttribute('data-node-name'),
				type: element.getAttribute('data-node-type'),
				notInstalled: !!element.querySelector('[data-test-id="node-not-installed"]'),
				issues: !!element.querySelector('[data-test-id="node-issues"]'),
				iconWidth: element.querySelector(iconSelector)?.naturalWidth ?? 0,
			})),
		OUR_ICON,
	);
}

async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
	await page.waitForLoadState('networkidle');
}

async function openPanel(page, nodeName) {
	await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.locator('[data-test-id="node-parameters"]').waitFor({ timeout: 30_000 });
	await page.waitForLoadState('networkidle');
	return panel;
}

describe('n8n 2.41.1 editor in chromium', () => {
	let fake;
	let n8n;
	let browser;
	let page;
	const examples = loadExamples({ draftMediaId: 'browser-check-draft' }).map(
		(example) => example.workflow,
	);

	before(async () => {
		assert.ok(
			existsSync(CHROMIUM),
			`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (.ci/run does this)`,
		);
		fake = await startFake();
		fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 30 }).addTag({
			id: 100,
			name: 'Newsletter Subscribers',
			members: 12,
		});
		n8n = await launchN8n({
			name: 'editor',
			env: ownerEnv(N8N_CURRENT, OWNER),
			credentials: sandboxCredentials({
				baseUrl: fake.url,
				appId: APP_ID,
				appSecret: APP_SECRET,
				callbackToken: 'browserCheckToken',
				encodingAesKey: 'SandboxEncodingAESKeyForLocalTestsOnly00000',
			}),
			workflows: [...examples, tagFlow],
		});

		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
		const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
		const login = await context.request.post(`${n8n.baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		assert.equal(login.status(), 200, 'the owner created from the environment can log in');
		page = await context.newPage();
	});

	after(async () => {
		await browser?.close();
		await shutdown(n8n);
		await fake?.close();
	});

	for (const example of examples) {
		it(`opens example "${example.name}" with every node installed, valid and our icons loaded`, async () => {
			await openWorkflow(page, n8n.baseUrl, example.id);
			const nodes = await canvasNodes(page);
			await shoot(page, `workflow-${example.id}`, { docs: example.id === 'exWeeklyNewsletter1' });

			assert.deepEqual(
				nodes.map((node) => node.name).sort(),
				example.nodes
					.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
					.map((node) => node.name)
					.sort(),
			);
			assert.deepEqual(
				nodes.filter((node) => node.notInstalled).map((node) => node.name),
				[],
			);
			assert.deepEqual(
				nodes.filter((node) => node.issues).map((node) => node.name),
				[],
			);
			for (const node of nodes.filter((candidate) =>
				candidate.type.startsWith('n8n-nodes-wechat-mass-message.'),
			)) {
				assert.ok(node.iconWidth > 0, `the icon of "${node.name}" loaded`);
			}
		});
	}

	it('renders the WeChat Mass Message panel and fills the tag list from WeChat', async () => {
		await openWorkflow(page, n8n.baseUrl, tagFlow.id);
		const panel = await openPanel(page, 'Send to Tag');
		const tag = panel.locator('[data-test-id="parameter-input-tagId"] input');
		await page
			.waitForFunction(
				(selector) => document.querySelector(selector)?.value.includes('Newsletter Subscribers'),
				'[data-test-id="ndv"] [data-test-id="parameter-input-tagId"] input',
				{ timeout: 20_000 },
			)
			.catch(async () => assert.fail(`the tag dropdown shows "${await tag.inputValue()}"`));
		await shoot(page, 'panel-wechat-mass-message', { docs: true });

		assert.equal(await panel.locator('[data-test-id="parameter-issues"]').count(), 0);
		assert.ok((await panel.locator(`header ${OUR_ICON}`).evaluate((img) => img.naturalWidth)) > 0);
		assert.equal(
			await panel.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
			'Send to Tag',
		);
		assert.ok(
			fake.requestsTo('/cgi-bin/tags/get', APP_ID).length >= 1,
			'the tag list came from WeChat',
		);
	});

	it('renders the WeChat Trigger panel with its webhook URLs and options', async () => {
		const report = examples.find((example) =>
			example.nodes.some((node) => node.type.endsWith('.weChatTrigger')),
		);
		const trigger = report.nodes.find((node) => node.type.endsWith('.weChatTrigger'));
		await openWorkflow(page, n8n.baseUrl, report.id);
		const panel = await openPanel(page, trigger.name);
		await shoot(page, 'panel-wechat-trigger', { docs: true });

		assert.equal(await panel.locator('[data-test-id="parameter-issues"]').count(), 0);
		assert.ok((await panel.locator(`header ${OUR_ICON}`).evaluate((img) => img.naturalWidth)) > 0);
		assert.match(
			await panel.locator('[data-test-id="parameter-input-events"]').innerText(),
			/All Messages and Events/,
		);
		assert.equal(
			await panel.locator('[data-test-id="parameter-input-respond"] input').inputValue(),
			'Immediately With Success',
		);
		assert.match(await panel.innerText(), /Webhook URLs/);
	});
});
