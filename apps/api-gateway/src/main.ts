import { Logger } from '@nestjs/common';
import { SERVICE_NAME, startApiGateway } from './bootstrap';

startApiGateway()
  .then(async (app) => new Logger(SERVICE_NAME).log(`listening on ${await app.getUrl()}`))
  .catch((err: Error) => {
    new Logger(SERVICE_NAME).fatal(`failed to start: ${err.stack ?? err.message}`);
    process.exit(1);
  });
