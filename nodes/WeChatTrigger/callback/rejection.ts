export type RejectionStatus = 400 | 401 | 403;

/**
 * A callback refused before any workflow runs. `reason` goes back to the caller as the response
 * body, so it names the failed check and never the data it was checked against.
 */
export class CallbackRejection extends Error {
	constructor(
		readonly status: RejectionStatus,
		readonly reason: string,
	) {
		super(reason);
		this.name = 'CallbackRejection';
	}
}

export const badRequest = (reason: string) => new CallbackRejection(400, reason);
export const unauthorized = (reason: string) => new CallbackRejection(401, reason);
export const forbidden = (reason: string) => new CallbackRejection(403, reason);
