import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import type { MemoryCredentialsHelper } from './credentialsHelper';
import { TestNodeTypes } from './nodeTypes';

export const MASS_NODE_TYPE = 'n8n-nodes-wechat-mass-message.weChatMassMessage';
const NODE_NAME = 'WeChat';

export interface RunNodeOptions {
	credentials: MemoryCredentialsHelper;
	credentialId: string;
	parameters: IDataObject;
	items?: INodeExecutionData[];
	/** Node settings as the editor stores them: retryOnFail, maxTries, waitBetweenTries, onError… */
	settings?: Partial<INode>;
	nodeTypes?: TestNodeTypes;
	nodeType?: string;
	credentialType?: string;
}

export interface NodeRun {
	run: IRun;
	output: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject };
}

let executionCounter = 0;

/**
 * Runs one node through n8n-core's WorkflowExecute, the engine n8n itself uses: parameters are
 * resolved, credentials go through the credentials helper, and node settings such as Retry On
 * Fail and Continue On Fail are applied by the engine, not by the test.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const nodeTypes = options.nodeTypes ?? new TestNodeTypes();
	const credentialType = options.credentialType ?? 'wechatOfficialAccountApi';
	const node: INode = {
		id: 'wechat-node',
		name: NODE_NAME,
		type: options.nodeType ?? MASS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: {
			[credentialType]: { id: options.credentialId, name: `cred ${options.credentialId}` },
		},
		...options.settings,
	};
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: {},
		nodeTypes,
		active: false,
	});

	const executionId = String(++executionCounter);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const additionalData = {
		credentialsHelper: options.credentials,
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
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		currentNodeExecutionIndex: 0,
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node,
					data: { main: [options.items ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	void execution.processRunExecutionData(workflow);
	const run = await finished;

	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		output: (task?.data?.main?.[0] ?? []) as INodeExecutionData[],
		error: (run.data.resultData.error ?? task?.error) as NodeRun['error'],
	};
}
