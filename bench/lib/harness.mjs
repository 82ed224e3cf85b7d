/**
 * Plain-JS twin of test/harness for benchmarks: runs the *compiled* package (dist/) through
 * n8n-core's WorkflowExecute, with an in-memory credential store that applies n8n 2.41's CLI
 * preAuthentication rules (expirable hidden field empty, or expired, → call the type's
 * preAuthentication and persist its output). Keep it in step with test/harness/*.ts.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const NODE_TYPE = 'n8n-nodes-wechat-mass-message.weChatMassMessage';
const NODE_NAME = 'WeChat';
const CREDENTIAL_TYPE = 'wechatOfficialAccountApi';

const silent = { error() {}, warn() {}, info() {}, debug() {}, scoped: () => silent };

/** Loads n8n-core, n8n-workflow, the compiled package and the compiled fake WeChat from `root`. */
/**
 * `probe.onNodeStart` / `probe.onNodeEnd` run right before and after the WeChat node's own
 * execute(), i.e. after n8n's engine has prepared the input items: benchmarks of the node
 * measure from there.
 */
export function loadHarness(root, probe = {}) {
	// n8n-core's InstanceSettings writes <N8N_USER_FOLDER>/.n8n/config on first use.
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'wechat-n8n-bench-'));
	const require = createRequire(join(root, 'package.json'));
	const workflow = require('n8n-workflow');
	const core = require('n8n-core');
	silenceLogs(require, workflow);

	const { WeChatOfficialAccountApi } = require(
		join(root, 'dist/credentials/WeChatOfficialAccountApi.credentials.js'),
	);
	const { WeChatMassMessage } = require(
		join(root, 'dist/nodes/WeChatMassMessage/WeChatMassMessage.node.js'),
	);
	const broker = require(join(root, 'dist/nodes/shared/token/tokenBroker.js'));
	const fakeWeChat = require(join(root, '.tmp/fake-wechat/index.js'));

	const MemoryCredentialsHelper = defineCredentialsHelper(workflow, new WeChatOfficialAccountApi());
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
	const nodeTypes = defineNodeTypes(workflow, massNode);
	let executionCounter = 0;

	async function runNode({ credentials, credentialId, parameters, items }) {
		const node = {
			id: 'wechat-node',
			name: NODE_NAME,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: `cred ${credentialId}` } },
		};
		const workflowData = {
			id: 'bench-workflow',
			name: 'bench',
			active: false,
			activeVersionId: null,
			nodes: [node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
		};
		const wf = new workflow.Workflow({
			id: workflowData.id,
			nodes: workflowData.nodes,
			connections: {},
			nodeTypes,
			active: false,
		});
		const executionId = String(++executionCounter);
		const hooks = new core.ExecutionLifecycleHooks('manual', executionId, workflowData);
		const finished = new Promise((resolve) => {
			hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
		});
		const additionalData = {
			credentialsHelper: credentials,
			hooks,
			executionId,
			variables: {},
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			currentNodeExecutionIndex: 0,
			userId: 'bench-user',
			executeWorkflow: async () => {
				throw new Error('not supported in benchmarks');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
		};
		const runExecutionData = workflow.createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: [items ?? [{ json: {} }]] }, source: null }],
			},
		});
		const execution = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
		void execution.processRunExecutionData(wf);
		const run = await finished;
		const task = run.data.resultData.runData[NODE_NAME]?.[0];
		return {
			run,
			output: task?.data?.main?.[0] ?? [],
			error: run.data.resultData.error ?? task?.error,
		};
	}

	return {
		MemoryCredentialsHelper,
		runNode,
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

function defineNodeTypes(workflow, massNode) {
	const getByName = (name) => {
		if (name !== NODE_TYPE) throw new Error(`Unknown node type ${name}`);
		return massNode;
	};
	return {
		getByName,
		getByNameAndVersion: (name, version) =>
			workflow.NodeHelpers.getVersionedNodeType(getByName(name), version),
		getKnownTypes: () => ({}),
	};
}

function defineCredentialsHelper(workflow, credentialType) {
	const { ICredentialsHelper, isExpression } = workflow;

	return class MemoryCredentialsHelper extends ICredentialsHelper {
		types = new Map([[credentialType.name, credentialType]]);
		store = new Map();
		updates = 0;

		put(id, type, data, name = `cred ${id}`) {
			this.store.set(id, { type, name, json: JSON.stringify(data) });
		}

		read(id) {
			const stored = this.store.get(id);
			if (!stored) throw new Error(`No credential ${id}`);
			return JSON.parse(stored.json);
		}

		getParentTypes() {
			return [];
		}

		isCredentialUsableByNode() {
			return true;
		}

		async authenticate(credentials, typeName, requestOptions, wf, node) {
			const authenticate = this.types.get(typeName)?.authenticate;
			if (!authenticate) return requestOptions;
			if (typeof authenticate === 'function')
				return await authenticate(credentials, requestOptions);
			for (const [target, values] of Object.entries(authenticate.properties)) {
				const current = requestOptions[target] ?? {};
				for (const [key, value] of Object.entries(values)) {
					current[key] =
						isExpression(value) && wf && node
							? wf.expression.getSimpleParameterValue(
									node,
									value,
									'internal',
									{ $credentials: credentials },
									undefined,
									'',
								)
							: value;
				}
				requestOptions[target] = current;
			}
			return requestOptions;
		}

		async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
			const type = this.types.get(typeName);
			const expirable = type?.properties.find(
				(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
			);
			if (!type?.preAuthentication || expirable === undefined) return undefined;
			const isTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
			if (credentials[expirable.name] !== '' && !credentialsExpired && !isTest) return undefined;

			const output = await type.preAuthentication.call(helpers, credentials);
			if (output[expirable.name] === undefined || !node.credentials) return undefined;

			const details = node.credentials[type.name];
			const stored = this.read(details.id);
			const toPersist = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(details, type.name, toPersist);
			return Object.assign(credentials, output);
		}

		async runPreAuthentication(helpers, credentials, typeName) {
			return (
				(await this.types.get(typeName)?.preAuthentication?.call(helpers, credentials)) ?? undefined
			);
		}

		async getCredentials(details, type) {
			const data = this.read(details.id);
			return { id: details.id, name: details.name, type, getData: () => data };
		}

		async getDecrypted(_additionalData, details) {
			return this.read(details.id);
		}

		async updateCredentials(details, type, data) {
			this.updates++;
			const stored = this.store.get(details.id);
			this.store.set(details.id, {
				type,
				name: stored?.name ?? details.name,
				json: JSON.stringify(data),
			});
		}

		async updateCredentialsOauthTokenData() {}

		getCredentialsProperties(type) {
			return this.types.get(type)?.properties ?? [];
		}
	};
}
