import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module';
import { SyncHttpController } from './sync.http.controller';

/** `GET /sync` over the event log (`EventLogReaderModule`, global). */
@Module({
  imports: [ChatsModule],
  controllers: [SyncHttpController],
})
export class SyncModule {}
