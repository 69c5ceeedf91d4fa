import { Module } from '@nestjs/common';

/** The WebSocket endpoint `/ws`, the sockets this instance holds, and pushes to them. */
@Module({})
export class RealtimeModule {}
