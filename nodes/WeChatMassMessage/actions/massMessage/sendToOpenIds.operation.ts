import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorJson, forEachItem } from '../perItem';
import { runBroadcast } from './broadcast';
import { buildMessage } from './buildMessage';
import { deriveClientMsgId, openIdBatchAudience } from './clientMsgId';
import { keepDraft } from './draftKeeper';
import { toList } from './listParameter';
import type { CleanedOpenIds } from './openIdList';
import { cleanOpenIdList, cleanOpenIds } from './openIdList';
import { openSession } from '../../transport/wechatApi';
import { appIdOf, finish, idempotencyKeyOf } from './sendFlow';
import { readPolicy } from './sendOptions';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['massMessage'], operation: ['sendToOpenIds'], ...extra },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Recipients From',
		name: 'recipientsFrom',
		type: 'options',
		displayOptions: show(),
		options: [
			{
				name: 'A Field of Every Input Item (One Broadcast)',
				value: 'field',
				description:
					'Collect one field from all input items into a single broadcast, e.g. 50,000 CRM rows become 5 calls and one output item',
			},
			{
				name: 'A List per Input Item',
				value: 'list',
				description: 'Each input item carries its own OpenID list and makes its own broadcast',
			},
		],
		default: 'field',
	},
	{
		displayName: 'OpenID Field',
		name: 'openIdField',
		type: 'string',
		required: true,
		displayOptions: show({ recipientsFrom: ['field'] }),
		default: 'openid',
		placeholder: 'e.g. openid or customer.wechat.openid',
		description:
			'Name of the field that holds the OpenID (or a list of OpenIDs) in each input item; dots reach into nested objects. Message parameters are read from the first item.',
	},
	{
		displayName: 'OpenIDs',
		name: 'openIds',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		displayOptions: show({ recipientsFrom: ['list'] }),
		default: '',
		placeholder: 'e.g. oABC…, oDEF… or {{ $json.openids }}',
		description: 'OpenIDs separated by commas or new lines, or an expression returning an array',
	},
];

/**
 * `mass/send` to any number of OpenIDs: cleaned, de-duplicated, sorted, cut into batches of at
 * most 10,000 (never a batch of one), each with its own clientmsgid.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const from = this.getNodeParameter('recipientsFrom', 0, 'field') as string;
	if (from === 'list') {
		return await forEachItem(this, items, async (itemIndex) => {
			const cleaned = cleanOpenIdList(toList(this.getNodeParameter('openIds', itemIndex)));
			return await sendToList(this, itemIndex, cleaned);
		});
	}

	// All items feed one broadcast: the output is one item paired with every input item.
	const pairedItem = pairWithAll(items);
	try {
		const field = String(this.getNodeParameter('openIdField', 0, 'openid')).trim();
		const cleaned = collectField(items, field);
		return [{ json: await sendToList(this, 0, cleaned, field), pairedItem }];
	} catch (error) {
		if (!this.continueOnFail()) {
			if (error instanceof NodeApiError)
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error);
		}
		return [
			{
				json: errorJson(error),
				pairedItem,
			},
		];
	}
}

async function sendToList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	cleaned: CleanedOpenIds,
	field?: string,
): Promise<IDataObject> {
	checkRecipients(ctx, itemIndex, cleaned, field);
	const message = await buildMessage(ctx, itemIndex);
	const session = await openSession(ctx, itemIndex);
	const appId = appIdOf(session);
	const idempotencyKey = idempotencyKeyOf(ctx, itemIndex);
	const batches = cleaned.batches.map((touser) => ({
		audience: { touser },
		size: touser.length,
		clientMsgId: deriveClientMsgId({
			appId,
			msgtype: message.msgtype,
			fingerprint: message.fingerprint,
			audience: openIdBatchAudience(touser),
			idempotencyKey,
		}),
	}));
	const draft =
		message.msgtype === 'mpnews' && batches.length > 1
			? await keepDraft(
					ctx,
					itemIndex,
					String((message.fields.mpnews as IDataObject).media_id),
					session,
				)
			: undefined;
	const results = await runBroadcast(
		ctx,
		itemIndex,
		{
			action: 'Sending to the OpenID list',
			path: '/cgi-bin/message/mass/send',
			message,
			batches,
			recover: draft?.recover,
			session,
		},
		readPolicy(ctx, itemIndex),
	);
	return finish(
		ctx,
		itemIndex,
		{ audience: 'openIds' },
		message,
		results,
		{
			requested: cleaned.requested,
			invalid: cleaned.invalid,
			duplicate: cleaned.duplicate,
			recipients: cleaned.recipients,
			...(cleaned.invalidSamples.length > 0 ? { invalidSamples: cleaned.invalidSamples } : {}),
		},
		draft?.recreated.length ? { draftsRecreated: draft.recreated } : {},
	);
}

function checkRecipients(
	ctx: IExecuteFunctions,
	itemIndex: number,
	cleaned: CleanedOpenIds,
	field?: string,
): void {
	const dropped =
		cleaned.invalid > 0
			? ` ${cleaned.invalid} value(s) were not OpenIDs, e.g. ${cleaned.invalidSamples.slice(0, 3).join(', ')}.`
			: '';
	if (cleaned.recipients === 0) {
		throw new NodeOperationError(ctx.getNode(), 'There is no valid OpenID to send to', {
			itemIndex,
			description: field
				? `None of the ${cleaned.requested} input items has an OpenID in the field "${field}".${dropped} Check the field name.`
				: `The OpenIDs parameter holds no OpenID.${dropped}`,
		});
	}
	if (cleaned.recipients === 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			'WeChat mass messages need at least two OpenIDs; this list has one',
			{
				itemIndex,
				description: `Only ${cleaned.batches[0][0]} is left after cleaning.${dropped} To reach a single follower, use the Preview operation (it delivers the message to one OpenID), or add a second recipient.`,
			},
		);
	}
}

/** One field of every item; a field that holds a list contributes each of its entries. */
function collectField(items: INodeExecutionData[], field: string): CleanedOpenIds {
	const path = field.split('.');
	const read = (item: INodeExecutionData): unknown => {
		let value: unknown = item.json;
		for (const key of path) value = (value as IDataObject | undefined)?.[key];
		return value;
	};
	if (!items.some((item) => Array.isArray(read(item)))) {
		return cleanOpenIds(items.length, (index) => read(items[index]));
	}
	const values: unknown[] = [];
	for (const item of items) {
		const value = read(item);
		if (Array.isArray(value)) for (const entry of value) values.push(entry);
		else values.push(value);
	}
	return cleanOpenIdList(values);
}

/**
 * The pairing of one output with every input item. n8n's engine has already given input item i
 * the lineage `{ item: i }`; reusing those objects saves a million allocations for a million
 * items. Where an older engine did not, fresh ones are made.
 */
function pairWithAll(items: INodeExecutionData[]): IPairedItemData[] {
	return items.map((item, index) => {
		const lineage = item.pairedItem;
		const reusable =
			lineage !== null &&
			typeof lineage === 'object' &&
			!Array.isArray(lineage) &&
			lineage.item === index &&
			!lineage.input &&
			lineage.sourceOverwrite === undefined;
		return reusable ? (lineage as IPairedItemData) : { item: index };
	});
}
