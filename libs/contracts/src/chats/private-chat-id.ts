import { createHash } from 'node:crypto';

/** Namespace of private chat ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('5b0f6f0e8f7d4c1e9a4f2d3c6b7a8e91', 'hex');

/**
 * The id of the private chat between two users: a name-based UUID (version 5) of the
 * ordered pair. Both directions and every retry name the same chat, so a repeated
 * `POST /chats/private` finds it, and its commands are keyed by it before it exists.
 */
export function privateChatId(a: string, b: string): string {
  const [first, second] = [a.toLowerCase(), b.toLowerCase()].sort();
  const hash = createHash('sha1').update(NAMESPACE).update(`${first}:${second}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
