import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MigrationSet } from '@chat/db';
import { join } from 'node:path';
import { AnswerCanaryMessageController } from './canary/answer-canary.message.controller';
import { CanaryResponder } from './canary/canary-responder';
import { ProcessedCommandsPruner } from './claims/processed-commands.pruner';
import { ProcessedCommandsRepository } from './claims/processed-commands.repository';
import { COMMANDS_OPTIONS, CommandsOptions } from './commands.options';
import { DeadLetteredCommandsConsumer } from './dead-letters/dead-lettered-commands.consumer';
import { CommandHandlers } from './handlers/command-handlers';
import { CommandFailures } from './outcomes/command-failures';
import { EVENT_SINK, EventSink } from './outcomes/event-sink';
import { CommandRunner } from './runner/command.runner';

/**
 * The library's tables (`processed_commands`, `service_instances`), which each worker has in
 * its own schema by listing these in its `DbModule` migrations.
 */
export const COMMANDS_MIGRATIONS: MigrationSet = { name: 'commands', dir: join(__dirname, 'migrations') };

/**
 * What a command worker needs around its handlers: the discovered handlers by type, the
 * claims (`processed_commands`, pruned), one-command transactions, `command.failed` for
 * rule violations and dead letters, and the pipeline canary's answer. Needs `DbModule`
 * and `KafkaModule`; `events` is where outcomes go (see EventSink).
 */
@Global()
@Module({})
export class CommandsModule {
  static forWorker(options: CommandsOptions & { events: Type<EventSink> }): DynamicModule {
    const { events, ...rest } = options;
    return {
      module: CommandsModule,
      imports: [DiscoveryModule],
      controllers: [AnswerCanaryMessageController],
      providers: [
        { provide: COMMANDS_OPTIONS, useValue: rest },
        // Provided here so its own dependencies (the outbox, global) are all it needs.
        events,
        { provide: EVENT_SINK, useExisting: events },
        CommandHandlers,
        ProcessedCommandsRepository,
        ProcessedCommandsPruner,
        CommandFailures,
        CommandRunner,
        DeadLetteredCommandsConsumer,
        CanaryResponder,
      ],
      exports: [CommandHandlers, ProcessedCommandsRepository, CommandFailures, CommandRunner, EVENT_SINK],
    };
  }
}
