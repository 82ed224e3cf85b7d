/**
 * The test harness (test/harness: n8n-core's WorkflowExecute with n8n's preAuthentication rules)
 * for benchmarks, compiled with the package sources by `tsc -p bench/tsconfig.json` into
 * .tmp/bench-build (scripts/bench.mjs does it), so that benchmarks and tests run the same code.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const NODE_TYPE = 'n8n-nodes-wechat-mass-message.weChatMassMessage';
const CREDENTIAL_TYPE = 'wechatOfficialAccountApi';

const silent = { error() {}, warn() {}, info() {}, debug() {}, scoped: () => silent };

/**
 * `probe.onNodeStart` / `probe.onNodeEnd` run right before and after the WeChat node's own
 * execute(), i.e. after n8n's engine has prepared the input items: benchmarks of the node
 * measure from there.
 */
export function loadHarness(root, probe = {}) {
	// n8n-core's InstanceSettings writes <N8N_USER_FOLDER>/.n8n/config on first use.
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'wechat-n8n-bench-'));
	const build = join(root, '.tmp/bench-build');
	for (const needed of [join(build, 'test/harness/runWorkflow.js'), join(root, '.tmp/fake-wechat/index.js')]) {
		if (!existsSync(needed)) {
			throw new Error(`${needed} is missing: run \`npm run bench\`, which compiles the harness and the fake`);
		}
	}
	const require = createRequire(join(root, 'package.json'));
	silenceLogs(require, require('n8n-workflow'));

	const { runNode } = require(join(build, 'test/harness/runWorkflow.js'));
	const { MemoryCredentialsHelper } = require(join(build, 'test/harness/credentialsHelper.js'));
	const { TestNodeTypes } = require(join(build, 'test/harness/nodeTypes.js'));
	const { WeChatMassMessage } = require(join(build, 'nodes/WeChatMassMessage/WeChatMassMessage.node.js'));
	const broker = require(join(build, 'nodes/shared/token/tokenBroker.js'));
	const fakeWeChat = require(join(root, '.tmp/fake-wechat/index.js'));

	const massNode = new WeChatMassMessage();
	const execute = massNode.execute;
	massNode.execute = async function probedExecute() {
		await probe.onNodeStart?.();
		try {
			return await execute.call(this);
		} finally {
			await probe.onNodeEnd?.();
		}
	};
	const nodeTypes = new TestNodeTypes({ [NODE_TYPE]: massNode });

	return {
		MemoryCredentialsHelper,
		runNode: (options) => runNode({ ...options, nodeTypes }),
		resetTokenMemory: broker.resetTokenMemory,
		startFakeWeChat: fakeWeChat.startFakeWeChat,
		CREDENTIAL_TYPE,
	};
}

/** n8n-core ships its own @n8n/di and @n8n/backend-common; the logger must go into that container. */
function silenceLogs(require, workflow) {
	const coreDir = dirname(require.resolve('n8n-core/package.json'));
	const coreRequire = createRequire(join(coreDir, 'package.json'));
	const { Container } = coreRequire('@n8n/di');
	const { Logger } = coreRequire('@n8n/backend-common');
	Container.set(Logger, silent);
	workflow.LoggerProxy.init(silent);
}
