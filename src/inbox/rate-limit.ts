import type { Redis } from 'ioredis';

/**
 * Failed sign-ins counted in Redis per IP and username (a guesser on one account) and per IP
 * (a guesser spraying many accounts). The window starts at the first failure.
 */
export interface LoginLimits {
  readonly perUser: number;
  readonly perIp: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perIp: 50, windowMs: 15 * 60_000 };

export class LoginLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limits: LoginLimits;

  constructor(redis: Redis, prefix: string, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.#redis = redis;
    this.#prefix = `${prefix}:inbox:login:`;
    this.#limits = limits;
  }

  #keys(ip: string, username: string): [string, string] {
    return [`${this.#prefix}u:${ip}:${username}`, `${this.#prefix}ip:${ip}`];
  }

  /** Seconds to wait before another try, or 0 when a try is allowed. */
  async blockedFor(ip: string, username: string): Promise<number> {
    const [u, i] = this.#keys(ip, username);
    const [cu, ci] = await this.#redis.mget(u, i);
    const over: string[] = [];
    if (Number(cu ?? 0) >= this.#limits.perUser) over.push(u);
    if (Number(ci ?? 0) >= this.#limits.perIp) over.push(i);
    if (over.length === 0) return 0;
    const ttls = await Promise.all(over.map((k) => this.#redis.pttl(k)));
    return Math.max(1, Math.ceil(Math.max(...ttls) / 1000));
  }

  async fail(ip: string, username: string): Promise<void> {
    const m = this.#redis.multi();
    for (const k of this.#keys(ip, username)) {
      m.incr(k);
      m.pexpire(k, this.#limits.windowMs, 'NX');
    }
    await m.exec();
  }

  /** A success clears this username's count from this IP (not the per-IP count). */
  async succeed(ip: string, username: string): Promise<void> {
    await this.#redis.del(this.#keys(ip, username)[0]);
  }
}
