/**
 * Concept lexicons: groups of synonyms for the ideas that decide a label (a rude word, a
 * missing receipt, a relative favoured, a promise not kept…). Each matching group adds
 * one feature, so a message that uses a synonym absent from the training sentences still
 * lands near the ones that used another word for the same idea. Patterns are on the
 * folded text (lower case, no diacritics, teencode expanded).
 *
 * A word written here with diacritics is one whose folded form is shared with common
 * words of another meaning ("mắng" scold / "mang" carry, "vé" ticket / "về" go back,
 * "hỗn" rude / "hơn" more, "muộn" late / "muốn" want, "bán" sell / "bản" copy / "bàn"
 * desk). In a message typed without diacritics it still matches any of them, as it must;
 * in a message typed with diacritics it matches only the spelling written here, so the
 * marks the writer gave are not thrown away. Words without marks match accent-blind.
 */

import { FIELD_CONCEPTS } from './field-concepts.ts';
import { stripDiacritics } from './normalize.ts';

const words = (list: readonly string[]): readonly string[] => list;

export const CONCEPTS: readonly (readonly [string, readonly string[]])[] = [
  [
    'rude',
    words([
      'quát', 'quát tháo', 'gắt', 'gắt gỏng', 'mắng', 'chửi', 'chui boi', 'chui the', 'van tuc', 'noi tuc', 'tho tuc', 'xuc pham', 'hỗn', 'hỗn láo',
      'cộc', 'cộc lốc', 'coc cam', 'cộc cằn', 'trống không', 'mia mai', 'khinh', 'khinh khinh', 'khinh khinh', 'khinh thuong', 'coi thuong', 'xem thuong',
      'che bai', 'cuoi cot', 'cuoi khay', 'nạt', 'nạt nộ', 'lon tieng', 'to tieng', 'cau gat', 'cau kinh', 'thieu ton trong', 'thieu van hoa', 'vo van hoa',
      'mat nang may nhe', 'lam mat lam may', 'hach dich', 'day doi', 'ra lenh', 'ha nhuc', 'sung so', 'dan mat', 'nhat gung', 'cut lun', 'may tao', 'xung may',
      'thai do', 'loi le', 'an noi', 'noi nang', 'giong dieu', 'hoi lam the', 'bieu moi', 'lac dau', 'duoi ra', 'duoi ve', 'dap may', 'cup may',
    ]),
  ],
  ['ignored', words(['khong chao', 'khong them', 'khong xin loi', 'khong mot loi', 'khong nhin', 'quay di', 'lam nhu khong nghe', 'dien thoai', 'lướt', 'choi game', 'noi chuyen rieng', 'ngu gat'])],
  [
    'no_action',
    words([
      'khong ai xu ly', 'khong ai giai quyet', 'khong ai tra loi', 'khong ai nghe', 'khong ai chiu', 'chiu trach nhiem', 'trach nhiem', 'dun day', 'do lanh', 'day qua',
      'lam ngo', 'tho o', 'vo cam', 'vo trach nhiem', 'de do', 'im lang', 'im luon', 'im bat', 'bat tin', 'hoi am', 'hua', 'hua hen', 'chu truong', 'cap tren', 'tham quyen',
      'bao mai', 'nhieu lan', 'mat ho so', 'that lac', 'khong gap duoc', 'di hop', 'di vang', 'khong tiep', 'de mac', 'mac ke', 'bo mac', 'quan lieu', 'khong xuong',
      'chang ai', 'y nguyen', 'nam nao cung', 'van vay', 'van the', 'tu lo', 'tu xu ly', 'khong phai viec', 'khong thuoc', 'khong ai nhan', 'chuyen qua', 'lai bao',
    ]),
  ],
  [
    'money',
    words([
      'tiền', 'phí', 'lệ phí', 'nghin', 'ngàn', 'trieu', 'tỷ', 'đồng', 'chi phi', 'kinh phi', 'ngan sach', 'quyet toan',
    ]),
  ],
  ['no_receipt', words(['bien lai', 'phieu thu', 'hoa don', 'chung tu', 'vé', 'cong khai'])],
  [
    'bribe',
    words([
      'boi duong', 'boi tron', 'lot tay', 'phong bi', 'ca phe', 'cafe', 'chi ngoai', 'tiền ngoài', 'an chan', 'an bot', 'an chia', 'chia chac', 'chia nhau', 'cat xen', 'bot xen',
      'rut ruot', 'hoa hong', 'phan tram', 'lai qua', 'dut lot', 'đưa tiền', 'nhận tiền', 'lo tiền', 'chạy', 'tham nhung', 'tieu cuc', 'loi ich nhom', 'thong dong', 'sanh sau',
    ]),
  ],
  ['waste', words(['that thoat', 'lang phi', 'bo khong', 'bo hoang', 'de khong', 'bo xo', 'hu hong', 'xuong cap', 'khong dung', 'khong su dung', 'phí tiền', 'tiền tỷ', 'hàng tỷ'])],
  ['procurement', words(['dau thau', 'goi thau', 'nha thau', 'chi dinh', 'trung thau', 'nghiem thu', 'du an', 'cong trinh', 'thanh ly', 'dau gia'])],
  [
    'fake',
    words([
      'so lieu', 'bao cao', 'ảo', 'khong khong', 'khai khong', 'ke khong', 'ky khong', 'làm giả', 'giả mạo', 'giả chữ ký', 'giả', 'sửa', 'tay xoa', 'ghi lui', 'hop thuc hoa',
      'thanh tich', 'lam mau', 'doi pho', 'dan dung', 'sai su that', 'noi doi', 'lừa', 'lừa dối', 'gian doi', 'gian lan', 'khai sai', 'ghi sai', 'bịa', 'tren giay', 'hinh thuc',
      'so sach', 'danh sach', 'trong khi', 'thuc te',
    ]),
  ],
  ['position', words(['chay chuc', 'mua chuc', 'chay chot', 'mua bang', 'bang gia', 'xu ninh', 'ninh bot', 'nịnh', 'danh hieu', 'bo nhiem', 'len chuc', 'ghế'])],
  [
    'favour',
    words([
      'nguoi nha', 'ho hang', 'con chau', 'anh em', 'ba con cua', 'vo con', 'con trai', 'con gai', 'em vo', 'con re', 'cháu', 'nguoi quen', 'phe canh', 'than quen',
      'uu tien', 'uu ai', 'bat den xanh', 'nha minh', 'cua minh',
    ]),
  ],
  [
    'coercion',
    words([
      'ép', 'bắt đóng', 'bat nop', 'bat mua', 'ep mua', 'đóng góp', 'dọa', 'đe dọa', 'hăm', 'hăm dọa', 'trù dập', 'trù', 'cắt', 'khong ky', 'chi tieu', 'giao chi tieu',
      'neu khong', 'khong thi', 'rut don',
    ]),
  ],
  ['public_asset', words(['xe cong', 'tai san cong', 'dat cong', 'hoi truong', 'nha van hoa', 'chiếm', 'viec rieng', 'ca nhan', 'loi dung', 'chuc vu', 'quyen han', 'lam quyen', 'lam dung', 'cay quyen', 'danh nghia'])],
  [
    'paperwork',
    words([
      'bo sung', 'di lai', 'lam kho', 'gay kho', 'kho de', 'hach sach', 'cua quyen', 'phien ha', 'thich thi', 'cho phep', 'xin phep', 'giay to', 'xac nhan', 'chu ky', 'con dau',
      'tra ve', 'tra lai', 'khong nhan', 'tu choi', 'bat buoc', 'bat phai', 'doi phai', 'yeu cau', 'vo ly', 'quy dinh', 'can cu', 'ban chinh', 'ban goc', 'ban sao',
      'cong chung', 'photo', 'co mat', 'truc tiep', 'thiếu', 'mẫu', 'to khai', 'lam lai', 'viet lai',
    ]),
  ],
  [
    'delay',
    words([
      'hẹn', 'giấy hẹn', 'phiếu hẹn', 'quá hẹn', 'trễ hẹn', 'qua han', 'tre han', 'chậm', 'chậm trễ', 'ket qua', 'chua xong', 'chua nhan', 'chua co', 'van chua', 'den nay',
      'gio da', 'nay da', 'ngày làm việc', 'lâu', 'cho mai', 'hẹn lại', 'dời hẹn', 'lùi', 'dang xu ly', 'cho xu ly', 'trễ', 'muộn', 'tuần', 'tháng', 'ngày',
    ]),
  ],
  [
    'praise',
    words([
      'cam on', 'khen', 'tan tinh', 'nhiet tinh', 'chu dao', 'tan tam', 'tan tuy', 'hai long', 'vui ve', 'niem no', 'chuyen nghiep', 'nhanh gon', 'nhanh chong', 'kip thoi',
      'ghi nhan', 'tran trong', 'biet on', 'cam dong', 'cam kich', 'de thuong', 'tuyet voi', 'xuat sac', 'dang khen', 'tuyen duong', 'lich su', 'kien nhan', 'tiến bộ',
      'sớm hơn', 'trước hẹn', 'đúng hẹn', 'phat huy', 'co tam', 'chu dao', 'an can', 'nhe nhang', 'hai long',
    ]),
  ],
  [
    'proposal',
    words([
      'de nghi', 'de xuat', 'kien nghi', 'gop y', 'y kien', 'mong', 'nên', 'can co', 'neu co', 'bo tri', 'lập', 'lắp', 'lam them', 'thêm', 'cai thien', 'nang cap', 'hy vong',
      'mong muon', 'tiện hơn', 'thuận tiện', 'xem xet', 'sap xep', 'to chuc', 'huong dan',
    ]),
  ],
  ['question', words(['cho hỏi', 'xin hỏi', 'hỏi', 'can gi', 'nhung gi', 'the nao', 'o dau', 'bao lau', 'bao nhieu', 'co phai', 'duoc khong', 'khong a', 'gi a', 'chua a', 'khi nao', 'bao gio', 'nhu the nao', 'lam sao', 'sao'])],
  ['greeting_ad', words(['xin chao', 'chào', 'alo', 'admin', 'chúc', 'chúc mừng', 'nam moi', 'test', 'mua', 'bán', 'lien he', 'inbox', 'ib', 'zalo', 'tuyển', 'thu nhap', 'kiem tien', 'nhat duoc', 'danh roi', 'lạc', 'tìm', 'chia se', 'share', 'gia re', 'uy tin'])],
  ...FIELD_CONCEPTS,
];

interface TrieNode {
  concepts: number[];
  next: Map<string, TrieNode>;
}

// Phrases are matched word by word through a trie: a few Map lookups per token instead of
// one large regular expression per concept, which keeps features cheap. FOLDED holds every
// phrase folded (for messages typed without marks); MARKED keeps the marks of the words
// written with them (for messages typed with marks).
const FOLDED = buildTrie(true);
const MARKED = buildTrie(false);

function buildTrie(fold: boolean): TrieNode {
  const root: TrieNode = { concepts: [], next: new Map() };
  for (const [id, [, phrases]] of CONCEPTS.entries()) {
    for (const phrase of phrases) addPhrase(root, id, fold ? stripDiacritics(phrase) : phrase);
  }
  return root;
}

function addPhrase(root: TrieNode, id: number, phrase: string): void {
  let node = root;
  for (const word of phrase.split(' ')) {
    let child = node.next.get(word);
    if (!child) {
      child = { concepts: [], next: new Map() };
      node.next.set(word, child);
    }
    node = child;
  }
  if (!node.concepts.includes(id)) node.concepts.push(id);
}
const MONEY = CONCEPTS.findIndex(([name]) => name === 'money');
// "50k", "300.000d", "2tr": an amount written as one token.
const AMOUNT = /^\d[\d.,]*(?:k|d|dong|tr|trieu|ty|nghin|ngan)$/;

/**
 * Marks in `hit` (indexed like CONCEPTS) every concept whose phrase occurs in the folded
 * tokens. `accented`, when given, holds the same tokens before folding, for a message typed
 * with diacritics: words written with marks above then match only their own spelling.
 */
export function markConcepts(tokens: readonly string[], hit: Uint8Array, accented?: readonly string[]): void {
  hit.fill(0);
  const marked = accented !== undefined && accented.length === tokens.length;
  const root = marked ? MARKED : FOLDED;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (AMOUNT.test(tok)) hit[MONEY] = 1;
    let node = marked ? (root.next.get(accented[i]!) ?? root.next.get(tok)) : root.next.get(tok);
    for (let j = i + 1; node; j++) {
      for (const c of node.concepts) hit[c] = 1;
      const following = tokens[j];
      if (following === undefined) break;
      node = marked ? (node.next.get(accented[j]!) ?? node.next.get(following)) : node.next.get(following);
    }
  }
}

/** Names of the concepts present in a text's folded tokens (and, if given, its accented ones). */
export function conceptsOf(tokens: readonly string[], accented?: readonly string[]): string[] {
  const hit = new Uint8Array(CONCEPTS.length);
  markConcepts(tokens, hit, accented);
  return CONCEPTS.filter((_, i) => hit[i] === 1).map(([name]) => name);
}
