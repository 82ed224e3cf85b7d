import type { INodeProperties } from 'n8n-workflow';

export const binaryPropertyName: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field that holds the file.',
	description:
		'Name of the binary property of the input item that holds the file, as set by the node before (for example Read/Write Files from Disk or HTTP Request)',
};
