import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as convertVideo from './convertVideo.operation';
import * as upload from './upload.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['media'] } },
	options: [
		{
			name: 'Convert Video for Mass Message',
			value: 'convertVideo',
			description: 'Turn an uploaded video into the media_id a video mass message needs',
			action: 'Convert a video for a mass message',
		},
		{
			name: 'Upload',
			value: 'upload',
			description: 'Upload an image, voice, video or thumbnail as temporary media (kept 3 days)',
			action: 'Upload temporary media',
		},
	],
	default: 'upload',
};

export const media: ResourceModule = { operations, modules: { convertVideo, upload } };
