import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { describeErrcode } from '../../../shared/errcodes';
import type { TemporaryMediaType } from '../../transport/media';
import { readMediaBinary, uploadTemporaryMedia } from '../../transport/media';
import { forEachItem } from '../perItem';
import { binaryPropertyName } from './binaryProperty';

const MEDIA_TYPES: TemporaryMediaType[] = ['image', 'voice', 'video', 'thumb'];

/** WeChat keeps temporary media for 3 days from `created_at` (wechat-api.md §C.1). */
const TEMPORARY_MEDIA_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image', description: 'JPG, PNG or GIF up to 10 MB' },
			{ name: 'Thumbnail', value: 'thumb', description: 'JPG up to 64 KB' },
			{ name: 'Video', value: 'video', description: 'MP4 up to 10 MB' },
			{ name: 'Voice', value: 'voice', description: 'AMR or MP3 up to 2 MB and 60 seconds' },
		],
		default: 'image',
		description:
			'What kind of media the file is. WeChat keeps temporary media for 3 days; use the media_id in an image, voice or video mass message.',
	},
	binaryPropertyName,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['upload'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const type = this.getNodeParameter('mediaType', itemIndex) as TemporaryMediaType;
		if (!MEDIA_TYPES.includes(type)) {
			throw new NodeOperationError(this.getNode(), `"${type}" is not a WeChat media type`, {
				itemIndex,
				description: describeErrcode(40004).fix,
			});
		}
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await readMediaBinary(this, itemIndex, property, type);

		const uploaded = await uploadTemporaryMedia(this, itemIndex, file, type);

		const createdAt = uploaded.createdAt;
		return {
			media_id: uploaded.mediaId,
			type: uploaded.type,
			created_at: createdAt,
			expiresAt:
				createdAt === null
					? null
					: new Date(createdAt * 1000 + TEMPORARY_MEDIA_LIFETIME_MS).toISOString(),
		};
	});
}
