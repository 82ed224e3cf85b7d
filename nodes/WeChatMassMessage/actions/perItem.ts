import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Runs one operation per input item with n8n's manners: pairedItem on every output, and with
 * Continue On Fail an error item in place of the failed one instead of stopping the workflow.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (ctx.continueOnFail()) {
				output.push({
					json: errorJson(error),
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand back an error that already is of their kind unchanged.
			if (error instanceof NodeApiError)
				throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	return output;
}

/** What Continue On Fail puts in place of a failed item: the message and what to do about it. */
export function errorJson(error: unknown): IDataObject {
	return {
		error: (error as Error).message,
		description: (error as { description?: string }).description ?? null,
	};
}
