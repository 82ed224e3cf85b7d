/**
 * Caps for callback XML. WeChat's largest push (a mass job report with eight articles) is a few
 * kilobytes and five levels deep, so these leave wide room for real traffic while keeping a
 * hostile body from costing more than a fraction of a millisecond.
 */
export interface XmlLimits {
	maxLength: number;
	maxDepth: number;
	maxElements: number;
}

export const CALLBACK_XML_LIMITS: XmlLimits = {
	maxLength: 256 * 1024,
	maxDepth: 16,
	maxElements: 4096,
};
