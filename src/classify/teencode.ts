/**
 * Teencode and everyday abbreviations seen in messages to commune pages, keyed by the
 * exact lower-case token as typed. Keys are exact (not accent-folded) on purpose: "mún" is
 * "muốn" but "mụn" is a word of its own, and "kg" stays a kilogram.
 */
const TEENCODE_TABLE: Readonly<Record<string, string>> = {
  // negation
  ko: 'không',
  k: 'không',
  kh: 'không',
  khg: 'không',
  kô: 'không',
  hok: 'không',
  hông: 'không',
  hem: 'không',
  hổng: 'không',
  // được / đăng ký
  dc: 'được',
  đc: 'được',
  dk: 'đăng ký',
  đk: 'đăng ký',
  // people and offices
  cb: 'cán bộ',
  cbcc: 'cán bộ công chức',
  ccvc: 'công chức viên chức',
  nv: 'nhân viên',
  ub: 'ủy ban',
  ubnd: 'ủy ban nhân dân',
  ubx: 'ủy ban xã',
  pct: 'phó chủ tịch',
  ad: 'admin',
  ads: 'admin',
  mn: 'mọi người',
  mng: 'mọi người',
  mk: 'mình',
  mik: 'mình',
  ng: 'người',
  ngta: 'người ta',
  // function words
  r: 'rồi',
  rùi: 'rồi',
  roai: 'rồi',
  vs: 'với',
  j: 'gì',
  z: 'vậy',
  v: 'vậy',
  zậy: 'vậy',
  bh: 'bây giờ',
  bjo: 'bây giờ',
  cx: 'cũng',
  cg: 'cũng',
  ms: 'mới',
  lm: 'làm',
  dag: 'đang',
  đag: 'đang',
  nhg: 'nhưng',
  nhưg: 'nhưng',
  trc: 'trước',
  thui: 'thôi',
  wa: 'quá',
  qá: 'quá',
  bít: 'biết',
  bik: 'biết',
  mún: 'muốn',
  ntn: 'như thế nào',
  ak: 'à',
  ah: 'à',
  uk: 'ừ',
  ukm: 'ừ',
  // things
  sdt: 'số điện thoại',
  sđt: 'số điện thoại',
  đt: 'điện thoại',
  tn: 'tin nhắn',
  kq: 'kết quả',
  tg: 'thời gian',
  xl: 'xin lỗi',
  // English and chat politeness
  tks: 'cảm ơn',
  thks: 'cảm ơn',
  thanks: 'cảm ơn',
  thank: 'cảm ơn',
  thankyou: 'cảm ơn',
  camon: 'cảm ơn',
  cám: 'cảm',
  oke: 'ok',
  okie: 'ok',
  okela: 'ok',
  okay: 'ok',
  hello: 'xin chào',
  hi: 'xin chào',
  helo: 'xin chào',
};

/**
 * Abbreviations that are ambiguous on their own ("ct" is also "công ty", "bt" also "bình
 * thường") but are leader titles when a unit word follows: "ct xã", "bt đảng ủy".
 */
const BEFORE_UNIT_TABLE: Readonly<Record<string, string>> = {
  ct: 'chủ tịch',
  bt: 'bí thư',
  pbt: 'phó bí thư',
};

/** Words that, after "ct"/"bt"/"pbt", make it a leader title. */
export const UNIT_WORDS: ReadonlySet<string> = new Set([
  'xã',
  'xa',
  'phường',
  'phuong',
  'ub',
  'ubnd',
  'ủy',
  'uỷ',
  'uy',
  'đảng',
  'dang',
  'đu',
  'du',
  'thị',
  'thi',
  'đặc',
  'dac',
]);

const asMap = (table: Readonly<Record<string, string>>): ReadonlyMap<string, readonly string[]> =>
  new Map(Object.entries(table).map(([k, v]) => [k, v.split(' ')]));

/** Token → its expansion in words. A Map, so "constructor" and friends are just words. */
export const TEENCODE = asMap(TEENCODE_TABLE);
export const TEENCODE_BEFORE_UNIT = asMap(BEFORE_UNIT_TABLE);
