import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialUnitName } from '../../src/accounts/index.ts';
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

  it('names the unit that will answer in the consent question and the thanks: a commune, even on a province Page', async () => {
    const hcm = await addAccount(t, 'oa-hcm-wording', { kind: 'province', code: '79' }, 'UBND thành phố Hồ Chí Minh');
    const c = new Citizen(t, hcm, `user-wording-${kind}`, makeDeps(new Clock(), () => null));
    await c.send('Đường ở ấp 3 hỏng lâu rồi báo mãi không ai sửa');
    await c.send('xã Tân Phú');
    await c.send('2');
    await c.send('bo qua');
    // The commune's official name, as the directory has it for the code the case is routed to.
    const commune = officialUnitName({ kind: 'commune', code: '26005' });
    const consent = c.said().normalize('NFC');
    expect(consent).toContain(`để ${commune} liên hệ trả lời`);
    expect(consent).not.toContain('Hồ Chí Minh');
    await c.send('gui an danh');
    const r = await c.send('gui');
    expect((await getCase(t.db, r.caseCreated!.id))!.routedTo).toEqual({ kind: 'commune', code: '26005' });
    const thanks = c.said().normalize('NFC');
    expect(thanks).toContain(`${commune} sẽ thông báo`);
    expect(thanks).not.toContain('Hồ Chí Minh');
  });

  it('tells the reporter of the commune’s leaders that the province’s reception unit will answer, never the commune', async () => {
    const ward = await addAccount(t, 'oa-saigon-wording', { kind: 'commune', code: '26734' }, 'UBND phường Sài Gòn');
    const c = new Citizen(t, ward, `user-leader-${kind}`, makeDeps(new Clock(), aboutTheChairman));
    await c.send('Chủ tịch phường ép dân đóng góp làm đường cho nhà người quen');
    for (const text of ['1', 'bỏ qua']) await c.send(text);
    const consent = c.said().normalize('NFC');
    expect(consent).toContain('để Ban Tiếp công dân thành phố Hồ Chí Minh liên hệ trả lời');
    expect(consent).not.toContain('phường Sài Gòn');
    await c.send('ẩn danh');
    await c.send('gửi');
    const thanks = c.said().normalize('NFC');
    expect(thanks).toContain('Ban Tiếp công dân thành phố Hồ Chí Minh sẽ xem xét');
    expect(thanks).not.toContain('phường Sài Gòn');
  });
});
