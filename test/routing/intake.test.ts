import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, listAudit } from '../../src/cases/index.ts';
import type { ClassificationLike } from '../../src/conversation/index.ts';
import { addAccount, Citizen, Clock, makeDeps } from '../conversation/harness.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

const aboutTheChairman = (): ClassificationLike => ({
  label: 'loi_dung',
  labels: ['loi_dung'],
  confidence: 0.9,
  targetsLeader: true,
  needsReview: false,
});

describe.each(DB_KINDS)('routing at intake on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(() => t.drop());

  it('sends a complaint about the commune’s own leaders to the province, identity protected, with the rule on record', async () => {
    const ward = await addAccount(t, 'oa-saigon', { kind: 'commune', code: '26734' }, 'UBND phường Sài Gòn');
    const c = new Citizen(t, ward, `user-${kind}`, makeDeps(new Clock(), aboutTheChairman));
    await c.send('Chủ tịch phường ép dân đóng góp làm đường cho nhà người quen');
    for (const text of ['1', 'bỏ qua', 'ẩn danh']) await c.send(text);
    const r = await c.send('gửi');
    const id = r.caseCreated!.id;
    expect(await getCase(t.db, id)).toMatchObject({
      communeCode: '26734',
      routedTo: { kind: 'province', code: '79' },
      identityProtected: true,
    });
    const [row] = await t.db.query<{ routing_rule: string }>('SELECT routing_rule FROM cases WHERE id = $1', [id]);
    expect(row!.routing_rule).toBe('leader_targeted');
    expect((await listAudit(t.db, 'case', id)).map((a) => a.action)).toEqual(['case.route']);
  });
});
