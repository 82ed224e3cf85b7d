import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';

interface StoredCredential {
	type: string;
	name: string;
	json: string;
}

/**
 * n8n's credential store as the CLI implements it (n8n 2.41 `credentials-helper.js`), with a Map
 * in place of the database: every read decrypts a fresh copy, and preAuthentication runs only
 * when the expirable field is empty, after a 401, or for a credential test, and its output is
 * written back to the store. Writes are counted so tests can see what n8n would persist.
 */
export class MemoryCredentialsHelper extends ICredentialsHelper {
	readonly types = new Map<string, ICredentialType>();

	private readonly store = new Map<string, StoredCredential>();

	updates = 0;

	constructor(extraTypes: ICredentialType[] = []) {
		super();
		for (const type of [new WeChatOfficialAccountApi(), ...extraTypes])
			this.types.set(type.name, type);
	}

	put(id: string, type: string, data: ICredentialDataDecryptedObject, name = `cred ${id}`): void {
		this.store.set(id, { type, name, json: JSON.stringify(data) });
	}

	read(id: string): ICredentialDataDecryptedObject {
		const stored = this.store.get(id);
		if (!stored) throw new Error(`No credential ${id}`);
		return JSON.parse(stored.json);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types.get(typeName)?.authenticate;
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		const options = requestOptions as IHttpRequestOptions & Record<string, unknown>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			const current = (options[target] ?? {}) as Record<string, unknown>;
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				current[key] = this.resolve(value, credentials, workflow, node);
			}
			options[target] = current;
		}
		return options;
	}

	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): unknown {
		if (!isExpression(value) || !workflow || !node) return value;
		return workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		const expirable = type?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!type?.preAuthentication || expirable === undefined) return undefined;

		const isTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTest) return undefined;

		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;

		const details = node.credentials[type.name];
		const stored = this.read(details.id as string);
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) {
				toPersist[key] = value as ICredentialDataDecryptedObject[string];
			}
		}
		await this.updateCredentials(details, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		const output = await type?.preAuthentication?.call(helpers, credentials);
		return (output ?? undefined) as ICredentialDataDecryptedObject | undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = this.read(details.id as string);
		return {
			id: details.id,
			name: details.name,
			type,
			getData: () => data,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: unknown,
		details: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		return this.read(details.id as string);
	}

	async updateCredentials(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates++;
		const stored = this.store.get(details.id as string);
		this.store.set(details.id as string, {
			type,
			name: stored?.name ?? details.name,
			json: JSON.stringify(data),
		});
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}
