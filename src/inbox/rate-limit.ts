import type { Redis } from 'ioredis';

/**
 * Sign-in attempts counted in Redis per IP and username (a guesser on one account), per IP
 * (a guesser spraying many accounts) and per username from any address (a guesser rotating
 * addresses, or forging X-Forwarded-For through a trusted proxy). An attempt is counted (INCR) before its password is
 * checked, so attempts sent in parallel count like attempts one after another; a success takes
 * its own attempt back. The window starts at the first attempt.
 */
export interface LoginLimits {
  readonly perUser: number;
  readonly perIp: number;
  /** Attempts on one account from every address together. */
  readonly perAccount: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 50, perAccount: 20, windowMs: 15 * 60_000 };

export class LoginLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limits: LoginLimits;

  constructor(redis: Redis, prefix: string, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.#redis = redis;
    this.#prefix = `${prefix}:inbox:login:`;
    this.#limits = limits;
  }

  #keys(ip: string, username: string): [string, string, string] {
    return [`${this.#prefix}u:${ip}:${username}`, `${this.#prefix}ip:${ip}`, `${this.#prefix}a:${username}`];
  }

  /**
   * Counts one attempt, atomically; returns the seconds to wait when it is over a limit (the
   * password must then not be checked), else 0.
   */
  async attempt(ip: string, username: string): Promise<number> {
    const [u, i, a] = this.#keys(ip, username);
    const results = await this.#redis
      .multi()
      .incr(u)
      .pexpire(u, this.#limits.windowMs, 'NX')
      .incr(i)
      .pexpire(i, this.#limits.windowMs, 'NX')
      .incr(a)
      .pexpire(a, this.#limits.windowMs, 'NX')
      .pttl(u)
      .pttl(i)
      .pttl(a)
      .exec();
    if (!results || results.some(([err]) => err)) throw new Error('login limiter: redis refused the count');
    const [cu, , ci, , ca, , tu, ti, ta] = results.map(([, v]) => Number(v));
    const waits: number[] = [];
    if (cu! > this.#limits.perUser) waits.push(tu!);
    if (ci! > this.#limits.perIp) waits.push(ti!);
    if (ca! > this.#limits.perAccount) waits.push(ta!);
    if (waits.length === 0) return 0;
    return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  /** A success clears this username's count from this IP and takes its attempt off the IP's and the account's. */
  async succeed(ip: string, username: string): Promise<void> {
    const [u, i, a] = this.#keys(ip, username);
    await this.#redis.multi().del(u).decr(i).decr(a).exec();
  }
}
