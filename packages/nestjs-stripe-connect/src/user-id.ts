/** 1 to 255 characters, no control characters (PostgreSQL refuses NUL in text). */
const USABLE_USER_ID = /^[^\p{Cc}]{1,255}$/u;

/**
 * Whether a value is a user id we can look up (a token's `sub`, an account's
 * `metadata.platformUserId`); anything else names no user. Well-formed UTF-16
 * too: a lone surrogate would reach the database as U+FFFD, another id.
 */
export function isUsableUserId(value: unknown): value is string {
  return typeof value === 'string' && USABLE_USER_ID.test(value) && value.isWellFormed();
}

/** An account's `metadata.platformUserId` when it can name a user (it is free text); undefined otherwise. */
export function platformUserIdOf(metadata: { platformUserId?: string } | null | undefined): string | undefined {
  const value = metadata?.platformUserId;
  return isUsableUserId(value) ? value : undefined;
}
