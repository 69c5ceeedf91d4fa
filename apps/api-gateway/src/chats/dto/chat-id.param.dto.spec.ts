import { ChatIdParamDto } from './chat-id.param.dto';
import { expectCompiledAsClassValidator, notUuids, uuid, variants } from './compiled-validation.spec-support';

describe('ChatIdParamDto', () => {
  it('is validated by compiled rules that answer exactly as class-validator does', () =>
    expectCompiledAsClassValidator(ChatIdParamDto, 'param', variants({ id: uuid }, { id: notUuids })));
});
