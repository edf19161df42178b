import { describe, expect, it } from 'vitest';
import {
  loadRoutingTable,
  parseRoutingTable,
  type RouteInput,
  RoutingDataError,
  receptionUnitName,
  routeCase,
  UnroutableCase,
} from '../../src/cases/index.ts';
import { hasKey } from '../../src/i18n/index.ts';
import { AN_HOI_TAY, THUC_PHAN } from './fixtures.ts';

const shipped = loadRoutingTable();

function input(over: Partial<RouteInput>): RouteInput {
  return {
    communeCode: AN_HOI_TAY.code,
    provinceCode: AN_HOI_TAY.province,
    label: 'cua_quyen',
    labels: ['cua_quyen'],
    targetsLeader: false,
    ...over,
  };
}

const toProvince = (rule: string) => ({ kind: 'province', code: AN_HOI_TAY.province, identityProtected: true, rule });

describe('routing rules shipped in data/routing/rules.json', () => {
  it.each([
    ['cua_quyen'],
    ['quan_lieu'],
    ['ung_xu'],
    ['tre_han'],
    ['tham_nhung'],
  ])('a %s case that targets the commune leaders goes to the province, identity protected', (label) => {
    expect(routeCase(input({ label, labels: [label], targetsLeader: true }), shipped)).toEqual(toProvince('leader_targeted'));
  });

  it.each([['tham_nhung'], ['gian_doi'], ['loi_dung']])(
    'every %s case naming a leader goes to the province even when the classifier did not flag the subject',
    (label) => {
      const routed = routeCase(input({ label, labels: [label], targetsLeader: false, mentionsLeader: true }), shipped);
      expect(routed).toEqual(toProvince('integrity_about_leader'));
    },
  );

  it.each([['tham_nhung'], ['gian_doi'], ['loi_dung']])('a secondary %s label naming a leader also goes to the province', (label) => {
    const routed = routeCase(input({ label: 'tre_han', labels: ['tre_han', label], mentionsLeader: true }), shipped);
    expect(routed).toEqual(toProvince('integrity_about_leader'));
  });

  it.each([['tham_nhung'], ['gian_doi'], ['loi_dung']])(
    'a %s denunciation of other officials stays with the commune but protects the reporter',
    (label) => {
      expect(routeCase(input({ label, labels: [label], mentionsLeader: false }), shipped)).toEqual({
        kind: 'commune',
        code: AN_HOI_TAY.code,
        identityProtected: true,
        rule: 'integrity_denunciation',
      });
    },
  );

  it('without a leader-mention signal, the classifier flag alone decides whether a leader is concerned', () => {
    expect(routeCase(input({ label: 'tham_nhung', labels: ['tham_nhung'] }), shipped).rule).toBe('integrity_denunciation');
    expect(routeCase(input({ label: 'tham_nhung', labels: ['tham_nhung'], targetsLeader: true }), shipped).rule).toBe(
      'leader_targeted',
    );
  });

  it('a leader only named as the addressee of an ordinary complaint keeps the case at the commune, unprotected', () => {
    expect(routeCase(input({ label: 'ung_xu', labels: ['ung_xu'], mentionsLeader: true }), shipped)).toEqual({
      kind: 'commune',
      code: AN_HOI_TAY.code,
      identityProtected: false,
      rule: 'commune',
    });
  });

  it('an unclassified case goes to its commune', () => {
    expect(routeCase(input({ label: 'unknown', labels: [] }), shipped).rule).toBe('commune');
  });

  it('finds the province from the commune, and sends a case without a commune to the province', () => {
    expect(routeCase(input({ provinceCode: null, targetsLeader: true }), shipped).code).toBe(AN_HOI_TAY.province);
    expect(routeCase(input({ communeCode: null }), shipped)).toEqual({
      kind: 'province',
      code: AN_HOI_TAY.province,
      identityProtected: false,
      rule: 'no_commune',
    });
    expect(() => routeCase(input({ communeCode: null, provinceCode: null }), shipped)).toThrow(UnroutableCase);
  });

  it('names the reception unit of a province', () => {
    expect(receptionUnitName('04', shipped)).toBe('Ban Tiếp công dân tỉnh Cao Bằng');
    expect(receptionUnitName('79', shipped)).toBe('Ban Tiếp công dân thành phố Hồ Chí Minh');
  });

  it('has a staff-facing description of every rule in both languages', () => {
    const ids = [...shipped.default.rules.map((r) => r.id), 'no_commune'];
    for (const locale of ['vi', 'en'] as const) {
      for (const id of ids) expect(hasKey(locale, `routing.rule.${id}`), `${locale} routing.rule.${id}`).toBe(true);
    }
  });
});

describe('per-province routing', () => {
  const base = structuredClone(shipped) as unknown as { default: unknown; provinces: Record<string, unknown> };
  const table = parseRoutingTable({
    ...base,
    provinces: {
      '04': {
        receptionUnit: 'Ban Tiếp công dân {province} (Văn phòng UBND)',
        rules: [
          { id: 'leader_targeted', when: { targetsLeader: true }, to: 'province', identityProtected: true },
          { id: 'all_integrity', when: { labelsAny: ['tham_nhung', 'gian_doi', 'loi_dung'] }, to: 'province', identityProtected: true },
          { id: 'commune', when: {}, to: 'commune', identityProtected: false },
        ],
      },
    },
  });

  it('applies a province list to its communes only', () => {
    const denunciation = { label: 'loi_dung', labels: ['loi_dung'] };
    expect(routeCase(input({ ...denunciation, communeCode: THUC_PHAN.code, provinceCode: null }), table)).toEqual({
      kind: 'province',
      code: '04',
      identityProtected: true,
      rule: 'all_integrity',
    });
    expect(routeCase(input(denunciation), table).rule).toBe('integrity_denunciation');
  });

  it('uses the province name of its reception unit', () => {
    expect(receptionUnitName('04', table)).toBe('Ban Tiếp công dân tỉnh Cao Bằng (Văn phòng UBND)');
    expect(receptionUnitName('79', table)).toBe('Ban Tiếp công dân thành phố Hồ Chí Minh');
  });
});

describe('routing data validation', () => {
  const good = { id: 'commune', when: {}, to: 'commune', identityProtected: false };
  const file = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
    default: { receptionUnit: 'Ban Tiếp công dân {province}', rules },
    provinces: {},
    ...extra,
  });
  const reject = (json: unknown, message: RegExp) => {
    expect(() => parseRoutingTable(json)).toThrow(RoutingDataError);
    expect(() => parseRoutingTable(json)).toThrow(message);
  };

  it('accepts the smallest valid table', () => {
    expect(parseRoutingTable(file([good])).default.rules).toHaveLength(1);
  });

  it('requires a final rule without conditions, so every case has a route', () => {
    reject(file([{ ...good, when: { targetsLeader: true } }]), /default\.rules\.0\.when: the last rule must have no condition/);
    reject(file([good, { ...good, id: 'later' }]), /default\.rules\.0\.when: a rule without conditions must be the last one/);
  });

  it('refuses duplicate ids, unknown labels, unknown provinces, misspelt keys and a unit name without {province}', () => {
    reject(file([{ ...good, id: 'x', when: { targetsLeader: true } }, { ...good, id: 'x' }]), /duplicate rule id "x"/);
    reject(file([{ ...good, id: 'x', when: { labelsAny: ['bribery'] } }, good]), /default\.rules\.0\.when\.labelsAny\.0/);
    reject(file([good], { provinces: { '99': { receptionUnit: 'Ban {province}' } } }), /provinces\.99: no such province/);
    reject(file([{ ...good, id: 'x', when: { targetLeader: true } }, good]), /default\.rules\.0\.when/);
    reject({ default: { receptionUnit: 'Ban Tiếp công dân', rules: [good] }, provinces: {} }, /must contain \{province\}/);
  });
});
