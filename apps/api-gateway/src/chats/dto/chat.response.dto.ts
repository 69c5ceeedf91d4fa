import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChatView, MemberView, MessageView } from '../database/chat-views';

/** A message (API.md "Chats"). */
export class MessageResponseDto implements MessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) chatId!: string;
  @ApiProperty({ description: 'Gap-free and increasing within the chat.' }) seq!: number;
  @ApiProperty({ format: 'uuid' }) senderId!: string;
  @ApiProperty({ format: 'uuid' }) clientMessageId!: string;
  @ApiProperty({ example: 'text' }) type!: string;
  @ApiProperty({ description: 'Empty once deleted.' }) content!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) editedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) deletedAt!: string | null;
}

/** A member, with the receipts the sender reads: how far they have read and received. */
export class MemberResponseDto implements MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: 'admin' | 'member';
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ description: 'Read receipt: the chat seq this member has read up to.' })
  lastReadSeq!: number;
  @ApiProperty({ description: 'Delivery receipt: the chat seq that reached at least one of their devices.' })
  deliveredSeq!: number;
}

/** A chat as `GET /users/me/chats` lists it and `GET /chats/:id` returns it. */
export class ChatResponseDto implements ChatView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['private', 'group'] }) type!: 'private' | 'group';
  @ApiProperty({ nullable: true, type: String, description: 'Null for private chats.' }) name!: string | null;
  @ApiProperty({ type: [MemberResponseDto] }) members!: MemberResponseDto[];
  @ApiProperty({ type: MessageResponseDto, nullable: true }) lastMessage!: MessageResponseDto | null;
  @ApiProperty() lastSeq!: number;
  @ApiProperty({ description: "Others' messages after the caller's read receipt, deleted ones excluded." })
  unreadCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** `GET /chats/:id/messages`: newest first; pass `nextBeforeSeq` as `beforeSeq` for older ones. */
export class MessagesPageResponseDto {
  @ApiProperty({ type: [MessageResponseDto] }) messages!: MessageResponseDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Null when there is nothing older.' })
  nextBeforeSeq!: number | null;
}
