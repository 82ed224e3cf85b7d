/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { parseArgs } from 'node:util';

import { startFakeWeChat, type FakeWeChat } from './server';
import type { AccountType, Quirks } from './types';

/**
 * Runs the fake WeChat API as its own process for the sandbox and the real-n8n e2e suite:
 *   node .tmp/fake-wechat/cli.js --port 8787 --followers 5000 --tags "VIP:100,Beta:20"
 * Prints `FAKE_WECHAT_URL=<url>` and then one JSON line describing the seeded account.
 */

export const SANDBOX_APP_ID = 'wx_sandbox_appid_0001';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the sandbox account's invented value
export const SANDBOX_APP_SECRET = 'sandbox0secret0000000000000000001';

export interface SandboxSeed {
	url: string;
	appId: string;
	type: AccountType;
	followers: number;
	tags: { id: number; name: string; count: number }[];
	thumbMediaId: string;
	imageMediaId: string;
	voiceMediaId: string;
	draftMediaId: string;
}

function parseValue(text: string): unknown {
	if (text === 'true' || text === 'false') return text === 'true';
	if (text === 'null') return null;
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function parseTags(spec: string): { name: string; count: number }[] {
	return spec
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [name, count] = part.split(':');
			return { name: name.trim(), count: Number(count ?? 0) };
		});
}

export async function runCli(argv: string[]): Promise<{ fake: FakeWeChat; seed: SandboxSeed }> {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string', default: '0' },
			host: { type: 'string', default: '127.0.0.1' },
			'app-id': { type: 'string', default: SANDBOX_APP_ID },
			'app-secret': { type: 'string', default: SANDBOX_APP_SECRET },
			type: { type: 'string', default: 'service' },
			followers: { type: 'string', default: '1000' },
			tags: { type: 'string', default: 'VIP Customers:100,Beta Testers:20' },
			quirk: { type: 'string', multiple: true, default: [] },
			seed: { type: 'string' },
		},
	});
	const quirks: Partial<Quirks> = {};
	for (const pair of values.quirk ?? []) {
		const at = pair.indexOf('=');
		Object.assign(quirks, { [pair.slice(0, at)]: parseValue(pair.slice(at + 1)) });
	}

	const fake = await startFakeWeChat({
		port: Number(values.port),
		host: values.host,
		quirks,
		seed: values.seed,
	});
	const appId = values['app-id'] as string;
	const account = fake.addAccount({
		appId,
		appSecret: values['app-secret'] as string,
		type: values.type === 'subscription' ? 'subscription' : 'service',
		followers: Number(values.followers),
	});
	parseTags(values.tags as string).forEach((tag, i) =>
		account.addTag({ id: 100 + i, name: tag.name, members: tag.count }),
	);

	const thumb = account.seedMedia({ kind: 'image', permanent: true });
	const draft = account.seedDraft([
		{
			title: 'Sandbox article',
			author: 'Sandbox',
			content: '<p>This article lives in the fake WeChat draft box.</p>',
			thumb_media_id: thumb.mediaId,
		},
	]);
	const seed: SandboxSeed = {
		url: fake.url,
		appId,
		type: account.type,
		followers: account.followers.length,
		tags: [...account.tags.values()].map((t) => ({
			id: t.id,
			name: t.name,
			count: t.members.size,
		})),
		thumbMediaId: thumb.mediaId,
		imageMediaId: account.seedMedia({ kind: 'image' }).mediaId,
		voiceMediaId: account.seedMedia({ kind: 'voice' }).mediaId,
		draftMediaId: draft.mediaId,
	};
	return { fake, seed };
}

if (require.main === module) {
	runCli(process.argv.slice(2))
		.then(({ fake, seed }) => {
			process.stdout.write(`FAKE_WECHAT_URL=${fake.url}\n${JSON.stringify(seed)}\n`);
			const stop = () => {
				fake.close().then(
					() => process.exit(0),
					() => process.exit(1),
				);
			};
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
		})
		.catch((error: Error) => {
			process.stderr.write(`fake WeChat could not start: ${error.message}\n`);
			process.exit(1);
		});
}
