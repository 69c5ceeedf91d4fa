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

export function testItem(item: string, n: number): string {
  return JSON.stringify(
    createEnvelope(TestItem.type, TestItem.version, { item, n }, { correlationId: randomUUID() }),
  );
}
