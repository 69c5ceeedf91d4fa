import { expectCompiledAsClassValidator, variants } from '../../dto/compiled-validation.spec-support';
import { MarkReadRequestDto } from './mark-read.request.dto';

describe('MarkReadRequestDto', () => {
  it('is validated by compiled rules that answer exactly as class-validator does', () =>
    expectCompiledAsClassValidator(
      MarkReadRequestDto,
      'body',
      variants({ seq: 3 }, { seq: [undefined, null, -1, 1.5, '3', 0, 1e21, -0.5, true, [1], 2 ** 53] }),
    ));
});
