import type { Api } from '../api/api.js';
import type { EventSequencer } from './event-sequencer.js';

export interface CatchUpOptions {
  api: Api;
  deviceId: string;
  /** `/sync` page size (1–1000). */
  pageSize: number;
  /** History below our seq is gone: the sequencer continues from `nextAfter`. */
  onReset: (nextAfter: number) => void;
}

/**
 * Reads `/sync` after the last processed seq until `hasMore` is false, one run at a time
 * (callers while a run is going share it). Every page names this device, so the server
 * counts what it fetched as delivered.
 */
export class CatchUp {
  private running?: Promise<void>;

  constructor(private readonly options: CatchUpOptions) {}

  run(sequencer: EventSequencer): Promise<void> {
    this.running ??= this.pages(sequencer).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pages(sequencer: EventSequencer): Promise<void> {
    const { api, deviceId, pageSize } = this.options;
    let after = sequencer.lastSeq;
    for (;;) {
      const page = await api.call('get', '/sync', { query: { after, limit: pageSize, deviceId } });
      if (page.reset) {
        sequencer.reset(page.nextAfter);
        this.options.onReset(page.nextAfter);
      }
      for (const event of page.events) sequencer.accept(event);
      after = Math.max(page.nextAfter, sequencer.lastSeq);
      if (!page.hasMore) return;
    }
  }
}
