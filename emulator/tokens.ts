/**
 * access_tokens of WeChat's HTTPS API: issued by `/cgi-bin/token`, valid for a while, and revocable by tests to
 * play the two ways a cached token goes bad (40001 invalid, 42001 expired).
 */
import { randomBytes } from 'node:crypto';

export type TokenState = 'valid' | 'missing' | 'invalid' | 'expired';

interface Issued {
  expiresAt: number;
  /** Expired ahead of time by a test. */
  forcedExpired: boolean;
}

export class AccessTokens {
  private readonly issued = new Map<string, Issued>();

  constructor(
    /** Lifetime of a new token, seconds; WeChat's is 7200. */
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new token; earlier ones stay valid until they expire, as WeChat keeps them during a changeover. */
  issue(): { access_token: string; expires_in: number } {
    const token = randomBytes(48).toString('base64url');
    this.issued.set(token, { expiresAt: this.now() + this.ttlSeconds * 1000, forcedExpired: false });
    return { access_token: token, expires_in: this.ttlSeconds };
  }

  check(token: string | null | undefined): TokenState {
    if (!token) return 'missing';
    const entry = this.issued.get(token);
    if (!entry) return 'invalid';
    return entry.forcedExpired || entry.expiresAt <= this.now() ? 'expired' : 'valid';
  }

  /** Every token issued so far now answers 42001, as after its 7200 s. */
  expireAll(): void {
    for (const entry of this.issued.values()) entry.forcedExpired = true;
  }

  /** Every token issued so far now answers 40001, as when another server fetched a new one long ago. */
  revokeAll(): void {
    this.issued.clear();
  }
}
