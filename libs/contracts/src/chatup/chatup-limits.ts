/** Limits of ChatUp tags (API.md "ChatUp"), the same as a profile's tags. */
export const CHATUP_LIMITS = {
  tagsMin: 1,
  tagsMax: 20,
  tagLengthMax: 32,
} as const;
