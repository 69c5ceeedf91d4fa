import {
  contents,
  expectCompiledAsClassValidator,
  notUuids,
  uuid,
  variants,
} from '../../dto/compiled-validation.spec-support';
import { SendMessageRequestDto } from './send-message.request.dto';

describe('SendMessageRequestDto', () => {
  it('is validated by compiled rules that answer exactly as class-validator does', () =>
    expectCompiledAsClassValidator(
      SendMessageRequestDto,
      'body',
      variants(
        { clientMessageId: uuid, content: 'hi', type: 'text' },
        { clientMessageId: notUuids, content: contents, type: [undefined, null, 'image', 5, '', 'TEXT'] },
      ),
    ));
});
