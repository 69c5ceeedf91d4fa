/**
 * Whether any user id named in an `x-push-recipients` value (`pushRecipientsHeader`: ids
 * joined by `,`) is one `isHeld` says yes to; stops at the first. Walks the value with
 * `indexOf` rather than splitting it, so a record costs no array (each id is a slice of
 * the value). Empty entries are passed over.
 */
export function hasHeldRecipient(header: string, isHeld: (userId: string) => boolean): boolean {
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(',', start);
    if (end === -1) end = header.length;
    if (end > start && isHeld(header.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}
