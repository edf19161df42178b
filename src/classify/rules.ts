/**
 * High-precision rules for what rules do better than a bag of n-grams: a money demand
 * next to a missing receipt, and naming the commune's own leaders. They read the folded
 * text (lower case, no diacritics, teencode expanded, words separated by single spaces).
 */

// Money asked or paid: an amount, or a word for a payment.
const MONEY =
  /\b(\d+(?:[.,]\d+)*\s?(?:k|d|dong|nghin|ngan|tr|trieu|cu|lit|xi)\b|tien|phi|le phi|dong gop|thu them|nop them|dua them|dua truoc|bo phong bi|phong bi|boi duong)/;
// The receipt that should come with it, said to be missing.
const NO_RECEIPT =
  /\b(khong|chang|chua|deo|ko)\s(?:(?:he|thay|duoc|dua|cho|co|xuat|viet|ghi|lam|nhan)\s){0,3}(?:bien lai|bien nhan thu|hoa don|phieu thu|chung tu|giay to thu)/;
// Unambiguous words for a bribe or kickback.
const BRIBE =
  /\b(boi tron|lot tay|phong bi|tien ca phe|tien cafe|tien nuoc|tien che nuoc|chi phi ngoai|chung chi|lai qua|hoa hong|an chia|chia chac|an chan|an bot|rut ruot|tien boi duong|tien ngoai|tien dich vu ngoai|xin tien|vai lit|vai xi|vai chai)\b/;

/** Money demanded or paid with no receipt, or a named bribe: a tham_nhung signal. */
export function moneyWithoutReceipt(folded: string): boolean {
  if (NO_RECEIPT.test(folded) && MONEY.test(folded)) return true;
  return BRIBE.test(folded);
}

// The commune's own leaders. "chủ tịch" alone is the commune chairman in messages to a
// commune page, except for the heads of mass organisations and the State President.
const LEADER =
  /\b(?:(?:pho )?chu tich(?! (?:hoi|mat tran|cong doan|hop tac xa|hdnd|hoi dong nhan dan|nuoc|ho chi minh|tinh|thanh pho|uy ban tinh|ubnd tinh))|(?:pho )?bi thu(?! (?:chi doan|doan|chi bo thon|chi bo ap|chi bo khu|tinh))|lanh dao (?:xa|phuong|dac khu|uy ban|ubnd|dang uy)|dang uy xa|thuong truc dang uy)\b/;
const LEADER_IN_PRAISE_OR_REQUEST =
  /\b(?:kinh gui|gui|nho|de nghi|kien nghi|mong|xin|bao cao|bao len|trinh|len gap|gap|den gap|toi gap|cam on)\s(?:(?:ong|ba|anh|chi|dong chi|den|toi|len|voi|cho)\s){0,2}(?:pho )?(?:chu tich|bi thu|lanh dao)\b/;

/** Whether the text names the commune's chairman, vice-chairman, party secretary or leadership. */
export function mentionsLeader(folded: string): boolean {
  return LEADER.test(folded);
}

/**
 * Whether every leader mention is only an addressee or a person reported to ("đề nghị chủ
 * tịch xã xem xét"), not the subject of the complaint.
 */
export function leaderOnlyAddressed(folded: string): boolean {
  const all = folded.match(new RegExp(LEADER.source, 'g'))?.length ?? 0;
  const addressed = folded.match(new RegExp(LEADER_IN_PRAISE_OR_REQUEST.source, 'g'))?.length ?? 0;
  return all > 0 && addressed >= all;
}
