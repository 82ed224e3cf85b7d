import type { INodeProperties } from 'n8n-workflow';

const showFor = (replyType?: string[]) => ({
	show: { resource: ['reply'], operation: ['build'], ...(replyType ? { replyType } : {}) },
});

export const buildReplyProperties: INodeProperties[] = [
	{
		displayName:
			'Use after a WeChat Trigger whose Respond option is "With a Passive Reply From the Workflow", and send the output field "reply" with a version-1 Respond to Webhook node (Respond With: Text), as in the keyword auto-reply example. WeChat waits only 5 seconds.',
		name: 'buildReplyNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(),
	},
	{
		displayName: 'Reply Type',
		name: 'replyType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Music', value: 'music' },
			{ name: 'News (Article Card)', value: 'news' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice', value: 'voice' },
		],
		default: 'text',
		description: 'What the follower receives as the answer to their message',
		displayOptions: showFor(),
	},
	{
		displayName: 'To (Follower OpenID)',
		name: 'toUserName',
		type: 'string',
		default: '={{ $json.FromUserName }}',
		required: true,
		description: 'The follower who sent the message; by default the trigger item’s FromUserName',
		displayOptions: showFor(),
	},
	{
		displayName: 'From (Account Original ID)',
		name: 'fromUserName',
		type: 'string',
		default: '={{ $json.ToUserName }}',
		required: true,
		description: 'Your account’s original ID (gh_…); by default the trigger item’s ToUserName',
		displayOptions: showFor(),
	},
	{
		displayName: 'Text',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The reply text. Links can be written as <a href="https://…">label</a>.',
		displayOptions: showFor(['text']),
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The media_id of an uploaded image, voice or video (temporary or permanent material)',
		displayOptions: showFor(['image', 'voice', 'video']),
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		displayOptions: showFor(['video', 'music']),
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		displayOptions: showFor(['video', 'music']),
	},
	{
		displayName: 'Music URL',
		name: 'musicUrl',
		type: 'string',
		default: '',
		displayOptions: showFor(['music']),
	},
	{
		displayName: 'High-Quality Music URL',
		name: 'hqMusicUrl',
		type: 'string',
		default: '',
		description: 'Played on Wi-Fi instead of the Music URL',
		displayOptions: showFor(['music']),
	},
	{
		displayName: 'Thumbnail Media ID',
		name: 'thumbMediaId',
		type: 'string',
		default: '',
		required: true,
		description: 'The media_id of the cover image (thumb material)',
		displayOptions: showFor(['music']),
	},
	{
		displayName: 'Articles',
		name: 'articles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Article',
		default: {},
		description:
			'Up to 8 articles. A reply to a follower’s message shows only one, so add more only for event replies.',
		displayOptions: showFor(['news']),
		options: [
			{
				name: 'article',
				displayName: 'Article',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{
						displayName: 'Picture URL',
						name: 'picUrl',
						type: 'string',
						default: '',
						description: 'Large picture 360×200 for the first article, 200×200 for the others',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						description: 'Opened when tapped',
					},
				],
			},
		],
	},
];
