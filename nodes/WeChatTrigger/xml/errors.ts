/** Why a callback body was refused by the XML reader; the message is safe to send back. */
export class XmlRejectedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XmlRejectedError';
	}
}
