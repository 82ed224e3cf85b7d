/** Just enough typing for the two reference libraries the tests and benchmark compare against. */
declare module 'wechat-crypto' {
	class WXBizMsgCrypt {
		constructor(token: string, encodingAESKey: string, id: string);
		token: string;
		id: string;
		key: Buffer;
		iv: Buffer;
		getSignature(timestamp: string, nonce: string, encrypt: string): string;
		decrypt(text: string): { message: string; id: string };
		encrypt(text: string): string;
	}
	export = WXBizMsgCrypt;
}

declare module 'xml2js' {
	export class Parser {
		constructor(options?: Record<string, unknown>);
		parseStringPromise(text: string): Promise<unknown>;
	}
	export function parseStringPromise(
		text: string,
		options?: Record<string, unknown>,
	): Promise<unknown>;
}
