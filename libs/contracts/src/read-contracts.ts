/**
 * Schemas of views one service publishes for others to read (README "Who owns which
 * table"): the owner creates and versions them in its migrations, a reader puts them on its
 * search path and reads nothing else of the owner's. A breaking change is a new version
 * published beside the old one.
 */
export const READ_CONTRACTS = {
  /** The chat worker's chats, members, messages and blocks (for the gateway's queries). */
  chats: 'chat_read_v1',
  /** Users' event logs, owned by the chat worker (for the gateway's /sync and `ready`). */
  eventLog: 'event_log_v1',
} as const;
