import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WeChatMassMessage } from '../../nodes/WeChatMassMessage/WeChatMassMessage.node';

/** The node types a test workflow may contain, instantiated straight from the TypeScript. */
export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(extra: Record<string, INodeType | IVersionedNodeType> = {}) {
		this.types.set('n8n-nodes-wechat-mass-message.weChatMassMessage', new WeChatMassMessage());
		for (const [name, type] of Object.entries(extra)) this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}
