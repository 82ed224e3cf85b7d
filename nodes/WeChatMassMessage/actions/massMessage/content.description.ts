import type { INodeProperties } from 'n8n-workflow';

/** The operations that carry a message; they share these content parameters. */
export const MESSAGE_OPERATIONS = ['sendToAll', 'sendToTag', 'sendToOpenIds', 'preview'];

const show = (extra: Record<string, Array<string | boolean>> = {}) => ({
	show: { resource: ['massMessage'], operation: MESSAGE_OPERATIONS, ...extra },
});

const mediaSource = (type: string, label: string): INodeProperties[] => [
	{
		displayName: `${label} Source`,
		name: `${type}Source`,
		type: 'options',
		displayOptions: show({ messageType: [type] }),
		options: [
			{
				name: 'Media ID',
				value: 'mediaId',
				description: 'A media_id from Upload Media or the WeChat console',
			},
			{
				name: 'Binary Property of the Input Item',
				value: 'binary',
				description: 'Upload the file of the input item first, then send it',
			},
		],
		default: 'mediaId',
	},
	{
		displayName: `${label} Media ID`,
		name: `${type}MediaId`,
		type: 'string',
		required: true,
		displayOptions: show({ messageType: [type], [`${type}Source`]: ['mediaId'] }),
		default: '',
		placeholder: 'e.g. Kt3d0wq7cUxq6K9mQ2k3yZ1…',
	},
	{
		displayName: 'Binary Property',
		name: `${type}BinaryProperty`,
		type: 'string',
		required: true,
		displayOptions: show({ messageType: [type], [`${type}Source`]: ['binary'] }),
		default: 'data',
		hint: 'Name of the binary property that holds the file, e.g. data',
	},
];

export const contentProperties: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		displayOptions: show(),
		options: [
			{ name: 'Card (Wxcard)', value: 'wxcard', description: 'A WeChat card or coupon' },
			{
				name: 'Image',
				value: 'image',
				description: 'One or more images, shown as an image message',
			},
			{
				name: 'Mpnews (Article)',
				value: 'mpnews',
				description: 'Articles from a draft (草稿箱), shown as an article card',
			},
			{ name: 'Mpvideo (Video)', value: 'mpvideo', description: 'A video' },
			{ name: 'Text', value: 'text', description: 'A plain text message' },
			{ name: 'Voice', value: 'voice', description: 'A voice message' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		displayOptions: show({ messageType: ['text'] }),
		default: '',
		placeholder: 'e.g. 本周新品上架，点击菜单查看详情',
		description: 'The text to send. Links may be written as <a href="https://…">text</a>.',
	},
	{
		displayName: 'Draft Media ID',
		name: 'mpnewsMediaId',
		type: 'string',
		required: true,
		displayOptions: show({ messageType: ['mpnews'] }),
		default: '',
		placeholder: 'e.g. a media_id returned by draft/add',
		description:
			'The media_id of an unpublished draft (草稿箱). A draft that was published or already mass-sent has left the draft box and gives error 40007.',
	},
	{
		displayName: 'Send Even if Judged a Reprint',
		name: 'sendIgnoreReprint',
		type: 'boolean',
		displayOptions: show({ messageType: ['mpnews'] }),
		default: false,
		description:
			'Whether to go on when WeChat judges the article a reprint of an original that allows reprinting (send_ignore_reprint). Off: such a send stops.',
	},
	...mediaSource('voice', 'Voice'),
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		displayOptions: show({ messageType: ['image'] }),
		options: [
			{ name: 'Media IDs', value: 'mediaId', description: 'Media_ids from Upload Media' },
			{
				name: 'Binary Properties of the Input Item',
				value: 'binary',
				description: 'Upload the images of the input item first, then send them',
			},
		],
		default: 'mediaId',
	},
	{
		displayName: 'Image Media IDs',
		name: 'imageMediaIds',
		type: 'string',
		required: true,
		displayOptions: show({ messageType: ['image'], imageSource: ['mediaId'] }),
		default: '',
		placeholder: 'e.g. MEDIA_ID_1, MEDIA_ID_2',
		description: 'One or more media_ids separated by commas or new lines, or an array expression',
	},
	{
		displayName: 'Binary Properties',
		name: 'imageBinaryProperties',
		type: 'string',
		required: true,
		displayOptions: show({ messageType: ['image'], imageSource: ['binary'] }),
		default: 'data',
		hint: 'Names of binary properties separated by commas, e.g. data, image2',
	},
	{
		displayName: 'Recommendation Text',
		name: 'imageRecommend',
		type: 'string',
		displayOptions: show({ messageType: ['image'] }),
		default: '',
		placeholder: 'e.g. 本周精选',
		description: 'Text shown with the images (recommend). WeChat shows “分享图片” when empty.',
	},
	{
		displayName: 'Open Comments',
		name: 'imageOpenComment',
		type: 'boolean',
		displayOptions: show({ messageType: ['image'] }),
		default: false,
		description: 'Whether followers can comment on the images (need_open_comment)',
	},
	{
		displayName: 'Only Followers Can Comment',
		name: 'imageOnlyFansComment',
		type: 'boolean',
		displayOptions: show({ messageType: ['image'], imageOpenComment: [true] }),
		default: false,
		description: 'Whether only followers may comment (only_fans_can_comment)',
	},
	{
		displayName: 'Video Source',
		name: 'mpvideoSource',
		type: 'options',
		displayOptions: show({ messageType: ['mpvideo'] }),
		options: [
			{
				name: 'Video Media ID (Convert for Mass Message)',
				value: 'videoMediaId',
				description: 'A media_id of an uploaded video; converted with title and description first',
			},
			{
				name: 'Binary Property of the Input Item',
				value: 'binary',
				description: 'Upload the MP4 of the input item, convert it, then send it',
			},
			{
				name: 'Converted Mass Video Media ID',
				value: 'massVideoId',
				description: 'A media_id already returned by Convert Video for Mass Message',
			},
		],
		default: 'videoMediaId',
	},
	{
		displayName: 'Video Media ID',
		name: 'mpvideoMediaId',
		type: 'string',
		required: true,
		displayOptions: show({
			messageType: ['mpvideo'],
			mpvideoSource: ['videoMediaId', 'massVideoId'],
		}),
		default: '',
	},
	{
		displayName: 'Binary Property',
		name: 'mpvideoBinaryProperty',
		type: 'string',
		required: true,
		displayOptions: show({ messageType: ['mpvideo'], mpvideoSource: ['binary'] }),
		default: 'data',
		hint: 'Name of the binary property that holds the MP4, e.g. data',
	},
	{
		displayName: 'Video Title',
		name: 'mpvideoTitle',
		type: 'string',
		displayOptions: show({ messageType: ['mpvideo'], mpvideoSource: ['videoMediaId', 'binary'] }),
		default: '',
		placeholder: 'e.g. 新品发布会回顾',
	},
	{
		displayName: 'Video Description',
		name: 'mpvideoDescription',
		type: 'string',
		displayOptions: show({ messageType: ['mpvideo'], mpvideoSource: ['videoMediaId', 'binary'] }),
		default: '',
	},
	{
		displayName: 'Card ID',
		name: 'wxcardId',
		type: 'string',
		required: true,
		displayOptions: show({ messageType: ['wxcard'] }),
		default: '',
		placeholder: 'e.g. pFS7Fjg8kV1IdDz01r4SQwMkuCKc',
	},
];
