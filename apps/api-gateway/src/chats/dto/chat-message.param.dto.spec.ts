import { ChatMessageParamDto } from './chat-message.param.dto';
import {
  expectCompiledAsClassValidator,
  notUuids,
  otherUuid,
  uuid,
  variants,
} from './compiled-validation.spec-support';

describe('ChatMessageParamDto', () => {
  it('is validated by compiled rules that answer exactly as class-validator does', () =>
    expectCompiledAsClassValidator(
      ChatMessageParamDto,
      'param',
      variants({ id: uuid, messageId: otherUuid }, { id: notUuids, messageId: notUuids }),
    ));
});
