import { BaseRpcContext } from '@nestjs/microservices';

type ContextArgs = [topic: string, partition: number, offset: string];

/** What a message handler may want besides the envelope: where the record came from. */
export class EnvelopeContext extends BaseRpcContext<ContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  getOffset(): string {
    return this.args[2];
  }
}
