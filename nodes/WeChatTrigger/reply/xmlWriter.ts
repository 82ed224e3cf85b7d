/**
 * Text inside CDATA, as WeChat's reply templates use. A literal "]]>" would end the section, so
 * it is split across two sections, which XML readers join back into the same text.
 */
export function cdata(text: string): string {
	return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export function element(name: string, content: string): string {
	return `<${name}>${content}</${name}>`;
}

export function textElement(name: string, text: string): string {
	return element(name, cdata(text));
}
