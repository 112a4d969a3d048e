/**
 * Token buckets keyed by IP address or by device: each key may make `burst` requests at once and
 * `perSecond` a second after that. Buckets that are full again are forgotten, so memory stays small.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly limit: RateLimit;
  private readonly clock: () => number;

  constructor(limit: RateLimit, clock: () => number = () => performance.now()) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Takes one token for `key`; false when there is none left. */
  take(key: string): boolean {
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((now - b.at) / 1000) * this.limit.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune();
    return true;
  }

  /** True when `key` has no token left just now (nothing is taken). */
  spent(key: string): boolean {
    const b = this.buckets.get(key);
    if (!b) return false;
    return b.tokens + ((this.clock() - b.at) / 1000) * this.limit.perSecond < 1;
  }

  prune(): void {
    const now = this.clock();
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.limit.perSecond >= this.limit.burst)
        this.buckets.delete(key);
    }
  }
}
