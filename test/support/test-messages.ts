import { createEnvelope, defineMessage } from '@chat/contracts';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';

/** A message type that exists only in tests, to exercise the transport. */
export class TestItemPayload {
  @IsString()
  @Length(1, 64)
  item!: string;

  @IsInt()
  @Min(0)
  n!: number;
}

export const TestItem = defineMessage('test.item', 1, TestItemPayload);
/** Another type on the same topic, for consumers that have no use for it. */
export const TestOther = defineMessage('test.other', 1, TestItemPayload);

export function testItem(item: string, n: number, type = TestItem): string {
  return JSON.stringify(
    createEnvelope(type.type, type.version, { item, n }, { correlationId: randomUUID() }),
  );
}
