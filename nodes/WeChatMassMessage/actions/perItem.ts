import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
					json: { error: (error as Error).message, description: (error as { description?: string }).description ?? null },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (error instanceof NodeOperationError || (error as Error).name === 'NodeApiError') throw error;
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	return output;
}
