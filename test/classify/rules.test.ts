import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src/classify/normalize.ts';
import { leaderOnlyAddressed, mentionsLeader, moneyWithoutReceipt } from '../../src/classify/rules.ts';

const money = (t: string) => moneyWithoutReceipt(foldVietnamese(t));
const leader = (t: string) => mentionsLeader(foldVietnamese(t));
const addressed = (t: string) => leaderOnlyAddressed(foldVietnamese(t));

describe('moneyWithoutReceipt', () => {
  it.each([
    'nộp 200 nghìn mà không có biên lai',
    'dong 500k ko dua bien lai gi ca',
    'thu tiền quỹ không có phiếu thu',
    'đưa tiền bồi dưỡng cho cán bộ',
    'anh ấy đòi phong bì mới ký',
    'phí bôi trơn 2 triệu',
  ])('fires on %j', (t) => expect(money(t)).toBe(true));

  it.each([
    'nộp lệ phí 50k có biên lai đầy đủ',
    'không có biên lai thì làm sao',
    'cán bộ làm việc nhanh, không phải chờ',
    'cho hỏi lệ phí làm sổ đỏ bao nhiêu',
  ])('stays quiet on %j', (t) => expect(money(t)).toBe(false));
});

describe('mentionsLeader', () => {
  it.each([
    'chủ tịch xã không tiếp dân',
    'ông phó chủ tịch phường',
    'ct xa nhan tien',
    'pct ubnd xã',
    'bí thư đảng ủy xã',
    'lãnh đạo xã im lặng',
    'Chủ tịch UBND phường',
  ])('finds a leader in %j', (t) => expect(leader(t)).toBe(true));

  it.each([
    'chủ tịch hội nông dân xã',
    'chủ tịch hội phụ nữ',
    'bí thư chi đoàn thanh niên',
    'trưởng thôn thu tiền',
    'cán bộ địa chính',
    'lời dạy của chủ tịch Hồ Chí Minh',
  ])('finds none in %j', (t) => expect(leader(t)).toBe(false));
});

describe('leaderOnlyAddressed', () => {
  it('is true when the leader is only asked to act', () => {
    expect(addressed('cán bộ địa chính bắt đi lại nhiều lần. đề nghị chủ tịch xã xem xét')).toBe(true);
    expect(addressed('kính gửi chủ tịch xã, cán bộ một cửa quát dân')).toBe(true);
  });
  it('is false when the leader is the subject', () => {
    expect(addressed('chủ tịch xã nhận tiền của nhà thầu')).toBe(false);
    expect(addressed('phó chủ tịch xã ép dân đóng góp. đề nghị chủ tịch xã xem xét')).toBe(false);
  });
});
