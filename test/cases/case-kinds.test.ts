import { describe, expect, it } from 'vitest';
import { citizenNotice } from '../../src/cases/index.ts';
import { caseKindRule, caseKinds, dueDate, parseCaseKinds, proposeCaseKind, timeLimitFor } from '../../src/deadlines/index.ts';

describe('case kinds as data', () => {
  it('every kind names its legal basis with the amending laws, and its clock comes from the time limits', () => {
    expect(caseKindRule('to_cao')).toMatchObject({ limit: 'to_cao_xu_ly_ban_dau', forwardLimit: 'to_cao_chuyen', formal: 'signed_letter_or_visit' });
    expect(caseKindRule('to_cao').basis).toMatch(/Luật Tố cáo 25\/2018\/QH14.*Luật 59\/2020\/QH14.*Luật 81\/2025\/QH15.*Luật 84\/2025\/QH15.*Điều 22/);
    expect(caseKindRule('khieu_nai').basis).toContain('Nghị định 155/2026/NĐ-CP');
    expect(caseKindRule('phan_anh_kien_nghi')).toMatchObject({ promise: 'handling_notice', formal: 'none' });
    expect(caseKindRule('khen')).toMatchObject({ limit: null, promise: 'none' });
    expect(timeLimitFor('to_cao_xu_ly_ban_dau')).toMatchObject({ days: 7, unit: 'working' });
    expect(timeLimitFor('to_cao_xu_ly_ban_dau').basis).toContain('Điều 24 khoản 1');
  });

  it('khiếu nại thụ lý: 7 working days from 01/7/2026 (NĐ 155/2026), 10 calendar days before', () => {
    // Received Tuesday 30/6/2026: Luật Khiếu nại Điều 27, 10 days → Friday 10/7.
    expect(dueDate('khieu_nai_thu_ly', new Date('2026-06-30T09:00:00+07:00'))).toMatchObject({
      due: '2026-07-10',
      limit: { days: 10, unit: 'calendar' },
    });
    // Received Wednesday 1/7/2026: 7 working days → Friday 10/7 as well; Thursday 2/7 → Monday 13/7.
    expect(dueDate('khieu_nai_thu_ly', new Date('2026-07-02T09:00:00+07:00'))).toMatchObject({
      due: '2026-07-13',
      limit: { days: 7, unit: 'working' },
    });
    expect(dueDate('khieu_nai_thu_ly', new Date('2026-07-02T09:00:00+07:00')).basis).toContain('155/2026/NĐ-CP');
  });

  it('proposes the kind from the intake, the label and whether a person is named', () => {
    expect(proposeCaseKind({ question: true, labels: [], namesPerson: false }).kind).toBe('hoi_dap');
    expect(proposeCaseKind({ question: false, labels: ['khen'], namesPerson: true }).kind).toBe('khen');
    expect(proposeCaseKind({ question: false, labels: ['tham_nhung'], namesPerson: true })).toEqual({ kind: 'to_cao', reason: 'named_accusation' });
    expect(proposeCaseKind({ question: false, labels: ['tre_han', 'loi_dung'], namesPerson: true }).kind).toBe('to_cao');
    // Corruption with nobody named stays a phản ánh; so does a named but ordinary complaint.
    expect(proposeCaseKind({ question: false, labels: ['tham_nhung'], namesPerson: false }).kind).toBe('phan_anh_kien_nghi');
    expect(proposeCaseKind({ question: false, labels: ['ung_xu'], namesPerson: true }).kind).toBe('phan_anh_kien_nghi');
  });

  it('refuses data that promises something without a clock', () => {
    const bad = structuredClone(caseKinds()) as { kinds: Record<string, { limit: string | null }> };
    bad.kinds.khen!.limit = 'hoi_dap';
    expect(() => parseCaseKinds(bad, 'x')).toThrow(/promises something exactly when it has a limit/);
  });
});

describe('citizenNotice', () => {
  const base = { dueDate: '2026-12-08', unit: 'UBND xã Tả Phìn', code: 'PA-2026-000001', identityProtected: false } as const;

  it('promises a notice of how a phản ánh is handled, never "trả lời", in anh/chị', () => {
    const vi = citizenNotice({ ...base, kind: 'phan_anh_kien_nghi', reporter: 'anonymous' }, 'vi');
    expect(vi).toContain('Chậm nhất ngày 08/12/2026, UBND xã Tả Phìn sẽ thông báo cho anh/chị phản ánh được xử lý thế nào');
    expect(vi).not.toMatch(/trả lời|\bbạn\b/);
    expect(vi).toContain('tra cứu PA-2026-000001');
  });

  it('tells what a formal tố cáo needs, and promises the Law’s protection only to a named reporter', () => {
    const named = citizenNotice({ ...base, kind: 'to_cao', reporter: 'identified', identityProtected: true }, 'vi');
    expect(named).toContain('Luật Tố cáo, Điều 22');
    expect(named).toContain('giữ bí mật theo Luật Tố cáo');
    const anonymous = citizenNotice({ ...base, kind: 'to_cao', reporter: 'anonymous', identityProtected: true }, 'vi');
    expect(anonymous).toContain('Luật Tố cáo, Điều 22');
    expect(anonymous).toContain('Điều 25');
    expect(anonymous).not.toContain('giữ bí mật theo Luật Tố cáo');
    const en = citizenNotice({ ...base, kind: 'to_cao', reporter: 'anonymous', identityProtected: true }, 'en');
    expect(en).toContain('Law on Denunciations (Article 25)');
  });

  it('a khiếu nại is told what a formal complaint needs; a compliment gets no date', () => {
    expect(citizenNotice({ ...base, kind: 'khieu_nai', reporter: 'identified' }, 'vi')).toContain('Luật Khiếu nại, Điều 8');
    const khen = citizenNotice({ ...base, dueDate: null, kind: 'khen', reporter: 'anonymous' }, 'vi');
    expect(khen).toContain('Xin cảm ơn lời khen');
    expect(khen).not.toMatch(/ngày|tra cứu/);
  });
});
