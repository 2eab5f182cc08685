// The bounds of a bulk invitation (lib/domain/bulk-invite.ts), apart so the browser can check
// a file's size before reading it without loading the CSV parser.

/** At most this many people per bulk invitation, */
export const BULK_INVITE_MAX_ROWS = 1000;
/** and at most this many bytes of text (a CSV file of 1,000 full rows is far below). */
export const BULK_INVITE_MAX_BYTES = 1_000_000;

export const tooLargeMessage = `That is more than 1 MB of text. Invite at most ${BULK_INVITE_MAX_ROWS.toLocaleString("en-GB")} people at once: split the file into smaller ones.`;

export const byteLength = (text: string) => new TextEncoder().encode(text).length;
