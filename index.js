'use strict';
/**
 * Entry point for code that requires the package directly (n8n itself loads the files listed in
 * the "n8n" block of package.json). Exposes the node and credential classes from the build.
 */
const { WeChatMassMessage } = require('./dist/nodes/WeChatMassMessage/WeChatMassMessage.node');
const { WeChatTrigger } = require('./dist/nodes/WeChatTrigger/WeChatTrigger.node');
const { WeChatOfficialAccountApi } = require('./dist/credentials/WeChatOfficialAccountApi.credentials');
const { WeChatCallbackApi } = require('./dist/credentials/WeChatCallbackApi.credentials');

module.exports = {
	nodes: { WeChatMassMessage, WeChatTrigger },
	credentials: { WeChatOfficialAccountApi, WeChatCallbackApi },
};
