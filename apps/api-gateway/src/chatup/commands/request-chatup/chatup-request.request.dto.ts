import { ArrayMinSize } from 'class-validator';
import { TagsField } from '../../../users/dto/tags.field';

/** `POST /chatup`. */
export class ChatupRequestDto {
  /** The interests to match on; absent: the caller's profile tags. */
  @TagsField()
  @ArrayMinSize(1, { message: 'tags must hold at least one tag' })
  tags?: string[];
}
