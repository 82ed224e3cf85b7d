import { parseWeChatJson, quoteLongIntegers } from '../../nodes/shared/json';

describe('WeChat JSON with 64-bit ids', () => {
	test('ids beyond 2^53 stay exact strings instead of rounded doubles', () => {
		const parsed = parseWeChatJson(
			'{"errcode":0,"msg_id":3487542469355618313,"msg_data_id":23202806689943943,"speed":3}',
		) as Record<string, unknown>;

		expect(parsed).toEqual({ errcode: 0, msg_id: '3487542469355618313', msg_data_id: '23202806689943943', speed: 3 });
	});

	test('small ids are strings too, so users see one type whatever the size', () => {
		expect(parseWeChatJson('{"msg_id":3147494276}')).toEqual({ msg_id: '3147494276' });
	});

	test('numbers inside strings, negative and decimal numbers are left alone', () => {
		const text = '{"errmsg":"rid: 12345678901234567890","errcode":-1,"ratio":12345678901234567.5,"big":-12345678901234567}';

		expect(quoteLongIntegers(text)).toBe(
			'{"errmsg":"rid: 12345678901234567890","errcode":-1,"ratio":12345678901234567.5,"big":"-12345678901234567"}',
		);
	});

	test('escaped quotes inside strings do not end the string', () => {
		expect(quoteLongIntegers('{"a":"x\\"12345678901234567","b":12345678901234567}')).toBe(
			'{"a":"x\\"12345678901234567","b":"12345678901234567"}',
		);
	});
});
