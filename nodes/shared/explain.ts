import { describeErrcode } from './errcodes';

export interface Explanation {
	message: string;
	description: string;
}

const CALLER_IP = /invalid ip ([0-9a-fA-F.:]+)/;

/** Turns a WeChat errcode/errmsg pair into a message a no-code user can act on. */
export function explainErrcode(errcode: number, errmsg: string, action: string): Explanation {
	const entry = describeErrcode(errcode);
	let fix = entry.fix;
	const ip = CALLER_IP.exec(errmsg)?.[1];
	if ((errcode === 40164 || errcode === 61004) && ip) {
		fix = `WeChat saw the call coming from ${ip}. ${fix.replace('the IP address shown here', ip)}`;
	}
	return {
		message: `${action} failed: ${entry.meaning} (WeChat error ${errcode})`,
		description: `${fix} WeChat said: "${errmsg}".`,
	};
}
