import { DynamicModule, Global, Module } from '@nestjs/common';
import { positiveIntFromEnv } from '@chat/config';

/** How fast one user may grow groups (README "Chats"), per gateway instance. */
export interface GroupGrowthConfig {
  /** Groups one user may create per hour (`GROUPS_PER_HOUR`, 20). */
  groupsPerHour: number;
  /**
   * Users one user may put into groups per hour, by creating them or adding members
   * (`GROUP_MEMBER_ADDS_PER_HOUR`, 1,000: one group of the largest size an hour).
   */
  memberAddsPerHour: number;
}

export function groupGrowthFromEnv(env: NodeJS.ProcessEnv): GroupGrowthConfig {
  return {
    groupsPerHour: positiveIntFromEnv(env, 'GROUPS_PER_HOUR', 20),
    memberAddsPerHour: positiveIntFromEnv(env, 'GROUP_MEMBER_ADDS_PER_HOUR', 1_000),
  };
}

export const GROUP_GROWTH = Symbol('GROUP_GROWTH');

/** Provides the group growth limits read from the service's environment, to every module. */
@Global()
@Module({})
export class GroupGrowthConfigModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: GroupGrowthConfigModule,
      providers: [{ provide: GROUP_GROWTH, useValue: groupGrowthFromEnv(env) }],
      exports: [GROUP_GROWTH],
    };
  }
}
