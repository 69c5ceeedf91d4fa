import { applyDecorators, Injectable, SetMetadata, Type } from '@nestjs/common';
import { MessageType } from '@chat/contracts';
import { classesIn } from './classes-in';

export const HANDLES_COMMAND = Symbol('handles-command');

/** How the worker runs one command type. */
export interface CommandRoute {
  /** The contract's command type, e.g. `message.send`. */
  readonly type: string;
  /** What the command's push records are keyed by: its chat (default) or its actor. */
  readonly keyedBy: 'chat' | 'actor';
  /** False for a command with no id to claim and no outcome (`delivery.ack`). */
  readonly claims: boolean;
  /** False for a command no client sent (`chatup.open-chat`): no `command.succeeded`. */
  readonly answers: boolean;
}

export type HandlesCommandOptions = Partial<Omit<CommandRoute, 'type'>>;

/**
 * Marks a provider as the handler of one command type; the worker's CommandHandlers finds
 * it (Nest discovery), so a new command is a new folder with one decorated class.
 */
export function HandlesCommand(command: MessageType<object>, options: HandlesCommandOptions = {}) {
  const route: CommandRoute = {
    type: command.type,
    keyedBy: options.keyedBy ?? 'chat',
    claims: options.claims ?? true,
    answers: options.answers ?? true,
  };
  return applyDecorators(Injectable(), SetMetadata(HANDLES_COMMAND, route));
}

/** The push key of a command's records, from its (normalised) payload. */
export function pushKeyOf(route: CommandRoute, payload: { chatId?: unknown; actorId?: unknown }): string {
  return String(route.keyedBy === 'actor' ? payload.actorId : (payload.chatId ?? payload.actorId));
}

/**
 * The `@HandlesCommand` classes of `<dir>/<command>/*.handler.{js,ts}`: the providers a
 * worker module lists, so adding a command is adding its folder.
 */
export function commandHandlersIn(dir: string): Type[] {
  return classesIn(dir, '.handler').filter((cls) => Reflect.hasMetadata(HANDLES_COMMAND, cls)) as Type[];
}
