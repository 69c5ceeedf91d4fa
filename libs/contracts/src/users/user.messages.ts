import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { defineMessage } from '../envelope/message-type';

export const USER_STATUSES = ['online', 'away', 'busy', 'offline'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Profile fields the workers project from user events (never the email or password). */
export class UserProfilePayload {
  @IsUUID()
  userId!: string;

  @Matches(/^[a-z0-9_]{3,32}$/)
  username!: string;

  @IsString()
  @Length(1, 64)
  displayName!: string;

  /** Normalised interest tags (lower-cased, trimmed, unique). */
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  tags!: string[];
}

/** Payload of `user.status`: a user's presence changed (socket connect/disconnect or `PUT /users/me/status`). */
export class UserStatusPayload {
  @IsUUID()
  userId!: string;

  @IsIn(USER_STATUSES)
  status!: UserStatus;

  @IsOptional()
  @IsISO8601({ strict: true })
  lastSeenAt!: string | null;
}

/** Payload of `user.blocked` / `user.unblocked`: who blocked (or unblocked) whom. */
export class UserBlockPayload {
  @IsUUID()
  blockerId!: string;

  @IsUUID()
  blockedId!: string;
}

/** A user signed up. Keyed by user id on `user.events`. */
export const UserRegistered = defineMessage('user.registered', 1, UserProfilePayload);
/** A user changed their display name or tags. */
export const UserUpdated = defineMessage('user.updated', 1, UserProfilePayload);
/** A user's presence changed. */
export const UserStatusChanged = defineMessage('user.status', 1, UserStatusPayload);

/**
 * A user blocked another (published by the chat worker that applied `user.block`, keyed by
 * the blocker), so the ChatUp worker never pairs the two.
 */
export const UserBlocked = defineMessage('user.blocked', 1, UserBlockPayload);
/** The block was lifted (`user.unblock`). */
export const UserUnblocked = defineMessage('user.unblocked', 1, UserBlockPayload);

export const USER_EVENTS = [UserRegistered, UserUpdated, UserStatusChanged, UserBlocked, UserUnblocked];
