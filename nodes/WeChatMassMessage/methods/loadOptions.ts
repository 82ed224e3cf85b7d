import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchTags } from '../actions/audience/tags';

/** Tags for a dropdown, e.g. "VIP (1,204 followers)", valued by tag id. */
export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await fetchTags(this);
	return tags
		.map(({ id, name, count }) => ({
			name: `${name} (${count.toLocaleString('en-US')} ${count === 1 ? 'follower' : 'followers'})`,
			value: id,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
