import { DisplayNameField } from '../../dto/display-name.field';
import { TagsField } from '../../dto/tags.field';

/** `PATCH /users/me`: only the fields given change. */
export class UpdateMeRequestDto {
  @DisplayNameField()
  displayName?: string;

  @TagsField()
  tags?: string[];
}
