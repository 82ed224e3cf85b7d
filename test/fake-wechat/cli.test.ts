import { runCli, SANDBOX_APP_ID, SANDBOX_APP_SECRET } from './cli';
import { api, call } from './__tests__/harness';

describe('fake WeChat CLI', () => {
	it('seeds a sandbox account whose draft can be mass-sent to a tag', async () => {
		const { fake, seed } = await runCli(['--followers', '300', '--tags', 'VIP:40,Beta:5']);
		try {
			expect(seed).toMatchObject({ url: fake.url, appId: SANDBOX_APP_ID, followers: 300 });
			expect(seed.tags).toEqual([
				{ id: 2, name: '星标组', count: 0 },
				{ id: 100, name: 'VIP', count: 40 },
				{ id: 101, name: 'Beta', count: 5 },
			]);
			const token = await call(fake, 'POST', '/cgi-bin/stable_token', {
				json: {
					grant_type: 'client_credential',
					appid: SANDBOX_APP_ID,
					secret: SANDBOX_APP_SECRET,
				},
			});
			const sent = await api(fake, '/cgi-bin/message/mass/sendall', token.body.access_token, {
				filter: { is_to_all: false, tag_id: 100 },
				msgtype: 'mpnews',
				mpnews: { media_id: seed.draftMediaId },
			});

			expect(sent.body).toMatchObject({ errcode: 0, msg_data_id: expect.any(Number) });
			expect(fake.account(SANDBOX_APP_ID).jobs.size).toBe(1);
		} finally {
			await fake.close();
		}
	});

	it('applies --quirk switches with typed values', async () => {
		const { fake } = await runCli([
			'--quirk',
			'jobFinishDelayMs=null',
			'--quirk',
			'wrongSecretErrcode=40001',
		]);
		try {
			expect(fake.quirks.jobFinishDelayMs).toBeNull();
			expect(fake.quirks.wrongSecretErrcode).toBe(40001);
		} finally {
			await fake.close();
		}
	});
});
