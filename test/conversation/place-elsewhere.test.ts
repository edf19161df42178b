import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchPlace, parseCommuneCode } from '../../src/directory/index.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { addAccount, Citizen, Clock, makeDeps } from './harness.ts';

/** The real directory (3.321 units), on a Lào Cai ward's channel. */
describe('a place named in a complaint, with the real directory', () => {
  let t: TestDatabase;
  const clock = new Clock();
  let n = 0;
  beforeAll(async () => {
    t = await freshDatabase('pglite');
  });
  afterAll(() => t.drop());
  const citizen = async () => {
    const account = await addAccount(t, `oa-lao-cai-${++n}`, { kind: 'commune', code: '02647' }, 'UBND phường Lào Cai');
    return new Citizen(t, account, `user-${n}`, { ...makeDeps(clock), directory: { matchPlace } });
  };

  it('does not turn a word of the complaint into a commune of another province', async () => {
    // The directory alone reads "xã thu tien" as a typo of Xã Thiệu Tiến (Thanh Hóa).
    expect(matchPlace('Cán bộ xã thu tien làm sổ đỏ', { preferCommune: parseCommuneCode('02647')! })).toMatchObject({ kind: 'unique' });
    const c = await citizen();
    await c.send('Cán bộ xã thu tien làm sổ đỏ nhưng không có biên lai');
    expect(c.said()).not.toContain('Thiệu Tiến');
  });

  it('still proposes a commune of another province the citizen names as it is written', async () => {
    const c = await citizen();
    await c.send('Cán bộ phường Sài Gòn, Thành phố Hồ Chí Minh bắt tôi đi lại bốn lần');
    expect(c.said()).toContain('Sài Gòn');
  });
});
