import { describe, expect, it } from 'vitest';
import { PROFILES, runFaults, table } from '../../scripts/faults/run.ts';

/**
 * The short version of `npm run faults`: every fault, briefly, on private PostgreSQL and Redis
 * with the product as separate web and worker processes. Each must end with nothing lost,
 * nothing sent twice, replies in order, and recovery without a hand.
 */
describe('fault suite (short)', () => {
  it('recovers from every fault alone, losing and duplicating nothing', async () => {
    const rows = await runFaults({ profile: PROFILES.short });
    const shown = table(rows);
    expect(rows.length, shown).toBe(8);
    for (const r of rows) {
      expect({ fault: r.fault, lost: r.lost, duplicated: r.duplicated, orderKept: r.orderKept, recovered: r.recovered }, shown).toEqual({
        fault: r.fault,
        lost: 0,
        duplicated: 0,
        orderKept: true,
        recovered: true,
      });
      expect(r.storedOnce, shown).toBe(r.accepted);
      expect(r.accepted, shown).toBeGreaterThan(0);
    }
  }, 240_000);
});
