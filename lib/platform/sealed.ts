// Secrets kept in the database (chat tokens, signing secrets) are sealed: AES-256-GCM with a key
// derived (HKDF-SHA256) from the app secret, a fresh 96-bit nonce per value, and the value's
// purpose as additional data, so a sealed value copied into another row or organisation does not
// open there. Only this module knows the format; nothing here logs what it seals or opens.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./secret";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("ripple.sealed", "utf8"), Buffer.from("aes-256-gcm v1", "utf8"), 32));
}

/**
 * Seals `plain` for `purpose` (e.g. "chat:SLACK:botToken:<organisation id>"): "v1.<nonce>.<ciphertext+tag>",
 * base64url. `secret` is the app secret (authSecret()) unless a test gives one.
 */
export function seal(plain: string, purpose: string, secret: string = authSecret()): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), nonce);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
}

/**
 * Opens what `seal` made for the same purpose with the same secret; null when it was made for
 * another purpose, with another secret, was altered, or is not a sealed value at all.
 */
export function open(sealed: string, purpose: string, secret: string = authSecret()): string | null {
  const [version, nonceText, bodyText, extra] = sealed.split(".");
  if (version !== VERSION || !nonceText || !bodyText || extra !== undefined) return null;
  const nonce = Buffer.from(nonceText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), nonce);
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** What a form may show of a secret: that it is set, and its last four characters for long ones. */
export function secretHint(plain: string | null): string | null {
  if (!plain) return null;
  return plain.length >= 16 ? `…${plain.slice(-4)}` : "set";
}
