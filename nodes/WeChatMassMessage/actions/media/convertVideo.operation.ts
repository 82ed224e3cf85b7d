import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { convertVideoForMass, readMediaBinary, uploadTemporaryMedia } from '../../transport/media';
import { forEachItem } from '../perItem';
import { binaryPropertyName } from './binaryProperty';

const properties: INodeProperties[] = [
	{
		displayName: 'Video Source',
		name: 'videoSource',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'Upload an MP4 file of the input item first, then convert it',
			},
			{
				name: 'Video Media ID',
				value: 'mediaId',
				description: 'Convert a video that was already uploaded as temporary media',
			},
		],
		default: 'mediaId',
		description: 'Where the video comes from',
	},
	{
		displayName: 'Video Media ID',
		name: 'videoMediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. rF4UdIMfYK3efUfyoddYRMU50zMiRmmt_l0kszupYh_SzrcW5Gaheq05p_lHuOTQ',
		description: 'The media_id of a video uploaded with Media → Upload (type Video)',
		displayOptions: { show: { videoSource: ['mediaId'] } },
	},
	{ ...binaryPropertyName, displayOptions: { show: { videoSource: ['binary'] } } },
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Spring Launch Event',
		description: 'The title followers see on the video message',
	},
	{
		displayName: 'Description',
		name: 'videoDescription',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Highlights of our spring launch in three minutes.',
		description: 'The description followers see on the video message',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['convertVideo'] } },
	properties,
);

/**
 * A mass video (msgtype mpvideo) cannot use a video's temporary media_id: WeChat first converts
 * it with media/uploadvideo into a mass-video media_id (wechat-api.md §C.5).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const title = this.getNodeParameter('title', itemIndex, '') as string;
		const videoDescription = this.getNodeParameter('videoDescription', itemIndex, '') as string;

		const videoMediaId = await sourceVideo(this, itemIndex);
		const mediaId = await convertVideoForMass(
			this,
			itemIndex,
			videoMediaId,
			title,
			videoDescription,
		);

		return {
			media_id: mediaId,
			videoMediaId,
			title,
			description: videoDescription,
		};
	});
}

async function sourceVideo(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const source = ctx.getNodeParameter('videoSource', itemIndex) as string;
	if (source === 'binary') {
		const property = ctx.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await readMediaBinary(ctx, itemIndex, property, 'video');
		return (await uploadTemporaryMedia(ctx, itemIndex, file, 'video')).mediaId;
	}

	const videoMediaId = String(ctx.getNodeParameter('videoMediaId', itemIndex) ?? '').trim();
	if (videoMediaId === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Video Media ID is empty', {
			itemIndex,
			description: 'Upload the MP4 with Media → Upload (type Video) and map its media_id here.',
		});
	}
	return videoMediaId;
}
