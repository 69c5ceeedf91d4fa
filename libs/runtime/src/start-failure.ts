import { INestApplication, Logger } from '@nestjs/common';

/** For `main.ts`: logs where the instance listens, or why it could not start, and exits. */
export function reportStart(service: string, starting: Promise<INestApplication>): void {
  starting
    .then(async (app) => new Logger(service).log(`listening on ${await app.getUrl()}`))
    .catch((err: Error) => {
      new Logger(service).fatal(`failed to start: ${err.stack ?? err.message}`);
      process.exit(1);
    });
}
