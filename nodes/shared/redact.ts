/**
 * Removes secrets from text that may reach a user, a log or an output item. WeChat's own errmsg
 * never echoes the token, but URLs and library errors can carry `access_token=…` or `secret=…`.
 */
const SECRET_QUERY = /((?:access_token|secret|appsecret)=)[^&\s"']+/gi;

export function redact(text: string, secrets: Array<string | undefined>): string {
	let clean = text.replace(SECRET_QUERY, '$1***');
	for (const secret of secrets) {
		if (secret && secret.length >= 6) clean = clean.split(secret).join('***');
	}
	return clean;
}
