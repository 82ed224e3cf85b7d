import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * Every operation file exports its parameters and an execute that receives all input items:
 * most operations run once per item, but Send to OpenID List can gather one field from every
 * item into a single broadcast, so the operation decides how items map to calls.
 */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export interface ResourceModule {
	operations: INodeProperties;
	modules: Record<string, OperationModule>;
	/** Parameters several operations of the resource share, listed after their own ones. */
	sharedProperties?: INodeProperties[];
}
