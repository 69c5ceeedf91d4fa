import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { CommandHandler } from './command-handler';
import { CommandRoute, HANDLES_COMMAND } from './handles-command.decorator';

/** A discovered handler and how its command type runs. */
export interface RoutedHandler {
  readonly route: CommandRoute;
  readonly handler: CommandHandler<never>;
}

/**
 * Every `@HandlesCommand` provider of the application, by command type. Built once the
 * modules are initialised; two handlers of one type are a startup error, not a silent
 * override.
 */
@Injectable()
export class CommandHandlers implements OnModuleInit {
  private readonly byType = new Map<string, RoutedHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype;
      const instance = wrapper.instance as unknown;
      if (!metatype || !instance) continue;
      const route = this.reflector.get<CommandRoute | undefined>(HANDLES_COMMAND, metatype as never);
      if (!route) continue;
      const existing = this.byType.get(route.type);
      if (existing && existing.handler !== instance)
        throw new Error(
          `two handlers for ${route.type}: ${existing.handler.constructor.name} and ${metatype.name}`,
        );
      this.byType.set(route.type, { route, handler: instance as CommandHandler<never> });
    }
  }

  /** The handler of a command type; throws for a type no handler declared. */
  get(type: string): RoutedHandler {
    const found = this.byType.get(type);
    if (!found) throw new Error(`no handler for ${type}`);
    return found;
  }

  find(type: string): RoutedHandler | undefined {
    return this.byType.get(type);
  }

  /** The command types handled here. */
  types(): string[] {
    return [...this.byType.keys()];
  }
}
