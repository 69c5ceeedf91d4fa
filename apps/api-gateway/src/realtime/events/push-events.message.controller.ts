import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, PushDeliver, PushPayload } from '@chat/contracts';
import { frameSerializer, PushService } from '../push/push.service';
import { RealtimeMetrics } from '../realtime.metrics';

/**
 * Reads `push.events` (every gateway instance in a group of its own, from the newest
 * record) and writes each event to the sockets this instance holds of its recipients.
 * A recipient connected elsewhere is served by that instance; one offline catches up
 * through `/sync`, since stored events are in their log before the push is published.
 */
@Controller()
export class PushEventsMessageController {
  constructor(
    private readonly push: PushService,
    private readonly metrics: RealtimeMetrics,
  ) {}

  @EventPattern(PushDeliver.type)
  deliver(@Payload() event: Envelope<PushPayload>): void {
    const { type, data, recipients, ts } = event.payload;
    let frame: ((seq?: number) => string) | undefined;
    let sent = 0;
    for (const { userId, seq } of recipients) {
      if (!this.push.holds(userId)) continue;
      frame ??= frameSerializer(type, data);
      sent += this.push.pushJsonToUser(userId, frame(seq), type);
    }
    if (sent > 0) this.metrics.pushed(type, ts);
  }
}
