import {
  contents,
  expectCompiledAsClassValidator,
  variants,
} from '../../dto/compiled-validation.spec-support';
import { EditMessageRequestDto } from './edit-message.request.dto';

describe('EditMessageRequestDto', () => {
  it('is validated by compiled rules that answer exactly as class-validator does', () =>
    expectCompiledAsClassValidator(
      EditMessageRequestDto,
      'body',
      variants({ content: 'hi' }, { content: contents }),
    ));
});
