
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import {
  type ApologyLetterFields,
  convertToPdf,
  findSoffice,
  LetterFieldsError,
  letterText,
  parseApologyLetterFields,
  renderApologyDocx,
} from '../../src/letters/index.ts';

const FIELDS = {
  agency: 'Ủy ban nhân dân xã Tả Phìn',
  number: '01/PXL-UBND',
  place: 'Tả Phìn',
  issuedOn: '2026-11-23',
  recipient: {
    kind: 'person',
    honorific: 'ba',
    name: 'Nguyễn Thị Hoa',
    address: 'thôn Tả Chải, xã Tả Phìn',
    phone: '0912 345 678',
    email: 'hoa.nguyen@example.vn',
  },
  procedure: 'đăng ký kết hôn',
  dossierCode: 'H12.34-261120-0001',
  receivedOn: '2026-11-20',
  promisedOn: '2026-11-23',
  reason: 'cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây',
  newDate: '2026-12-03',
  copyTo: ['Trung tâm Phục vụ hành chính công xã'],
  // Typed without the prefixes: the layout adds TM. and KT. (typed ones are not doubled, see below).
  signer: { authority: 'Ủy ban nhân dân', capacity: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Lý Văn Sơn' },
} satisfies ApologyLetterFields;

/** The apology for a late answer to a phản ánh (no dossier receipt exists for it). */
const LATE_ANSWER = {
  ...FIELDS,
  form: 'late_answer',
  procedure: 'phản ánh, kiến nghị',
  dossierCode: 'PA-2026-000123',
  reason: 'cần xác minh thêm tại thôn',
} satisfies ApologyLetterFields;

async function unpack(fields: ApologyLetterFields) {
  const files = unzipSync(new Uint8Array(await renderApologyDocx(fields)));
  const xml = (name: string) => {
    const f = files[name];
    if (!f) throw new Error(`${name} missing from the DOCX`);
    return strFromU8(f);
  };
  const documentXml = xml('word/document.xml');
  // Paragraph texts as Word shows them: the w:t runs of each w:p, joined.
  const paragraphs = documentXml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join(''))
    .filter((p) => p.length > 0);
  return { documentXml, stylesXml: xml('word/styles.xml'), paragraphs, text: paragraphs.join('\n') };
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('apology letter fields', () => {
  it('accepts a complete letter and normalises text to NFC', () => {
    const nfd = { ...FIELDS, recipient: { ...FIELDS.recipient, name: 'Nguyễn Thị Hoa'.normalize('NFD') } };
    const parsed = parseApologyLetterFields(nfd);
    expect(parsed.recipient.name).toBe('Nguyễn Thị Hoa');
    expect(parsed.recipient.name).not.toBe(nfd.recipient.name);
  });

  it('lists every bad field at once', () => {
    const bad = { ...FIELDS, reason: '  ', newDate: '2026-11-22', recipient: { ...FIELDS.recipient, email: 'not-mail' } };
    try {
      parseApologyLetterFields(bad);
      expect.unreachable('invalid fields were accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(LetterFieldsError);
      const paths = (err as LetterFieldsError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['reason', 'newDate', 'recipient.email']));
    }
  });

  it('refuses a new date on a day off or not after the promised date', () => {
    // 28/11/2026 is a Saturday.
    expect(() => parseApologyLetterFields({ ...FIELDS, newDate: '2026-11-28' })).toThrow(/working day/);
    expect(() => parseApologyLetterFields({ ...FIELDS, newDate: '2026-11-23' })).toThrow(/after promisedOn/);
    expect(() => parseApologyLetterFields({ ...FIELDS, newDate: '2026-02-31' })).toThrow(LetterFieldsError);
  });
});

describe('renderApologyDocx', () => {
  it('puts every field in word/document.xml', async () => {
    const { text, paragraphs } = await unpack(FIELDS);
    // The commune heads its own letterhead (no provincial line); its name is one unbreakable line.
    expect(paragraphs.slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ\u00a0TẢ\u00a0PHÌN', 'Số: 01/PXL-UBND']);
    for (const expected of [
      'Tả Phìn, ngày 23 tháng 11 năm 2026',
      'Kính gửi: Bà Nguyễn Thị Hoa',
      'Địa chỉ: thôn Tả Chải, xã Tả Phìn',
      'Số điện thoại: 0912 345 678',
      'Thư điện tử: hoa.nguyen@example.vn',
      'đăng ký kết hôn',
      'H12.34-261120-0001',
      'Ngày 20/11/2026',
      'ngày 23/11/2026',
      'Lý do chậm trả kết quả: cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây.',
      'Ủy ban nhân dân xã Tả Phìn trân trọng xin lỗi bà',
      'vào ngày 03 tháng 12 năm 2026',
      'Trân trọng./.',
      '- Trung tâm Phục vụ hành chính công xã;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Lý Văn Sơn',
    ]) {
      expect(text).toContain(expected);
    }
    expect(paragraphs).toContain(t('vi', 'letters.title.late_result'));
    expect(paragraphs).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    // TM./KT. printed once each, also when staff typed them.
    const typed = await unpack({ ...FIELDS, signer: { ...FIELDS.signer, authority: 'TM. Ủy ban nhân dân', capacity: 'KT. Chủ tịch' } });
    expect(typed.text).toContain('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    expect(typed.text).not.toContain('TM. TM.');
  });

  it('the late-answer letter is its own form: no receipt, no procedure result, a new date for the answer', async () => {
    const { text, paragraphs } = await unpack(LATE_ANSWER);
    expect(paragraphs).toContain('THƯ XIN LỖI VÀ HẸN LẠI NGÀY TRẢ LỜI');
    expect(text).not.toMatch(/PHIẾU XIN LỖI|Giấy tiếp nhận|trả kết quả|biên nhận/);
    for (const expected of [
      'Ngày 20/11/2026, Ủy ban nhân dân xã Tả Phìn nhận được phản ánh, kiến nghị của bà (mã PA-2026-000123); thời hạn trả lời bà là ngày 23/11/2026.',
      'Tuy nhiên, Ủy ban nhân dân xã Tả Phìn không trả lời được bà đúng thời hạn này.',
      'Lý do chậm trả lời: cần xác minh thêm tại thôn.',
      'Ủy ban nhân dân xã Tả Phìn xin hẹn trả lời bà chậm nhất vào ngày 03 tháng 12 năm 2026.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('has the quốc hiệu and the underlined tiêu ngữ, and is always in Vietnamese', async () => {
    const { documentXml, paragraphs, text } = await unpack(FIELDS);
    expect(paragraphs).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(paragraphs).toContain('Độc lập - Tự do - Hạnh phúc');
    const mottoRun = documentXml.match(/<w:r>((?:(?!<w:r>).)*?)<w:t[^>]*>Độc lập - Tự do - Hạnh phúc<\/w:t>/)?.[1];
    expect(mottoRun).toMatch(/<w:u w:val="single"\/>/);
    expect(mottoRun).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(text).not.toContain(t('en', 'letters.national_title'));
  });

  it('uses Times New Roman 11–14 pt on A4 with the margins of Nghị định 30/2020', async () => {
    const { documentXml, stylesXml } = await unpack(FIELDS);
    const fonts = [...`${documentXml}${stylesXml}`.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(fonts.length).toBeGreaterThan(10);
    for (const attrs of fonts) {
      const names = [...attrs.matchAll(/w:(ascii|hAnsi|cs|eastAsia)="([^"]*)"/g)].map((m) => m[2]);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names)).toEqual(new Set(['Times New Roman']));
    }
    const sizes = [...documentXml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2);
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(11);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(14);

    const twipToMm = (v: string | undefined) => (Number(v) / 1440) * 25.4;
    const size = documentXml.match(/<w:pgSz ([^>]*)\/>/)?.[1] ?? '';
    expect(Math.round(twipToMm(size.match(/w:w="(\d+)"/)?.[1]))).toBe(210);
    expect(Math.round(twipToMm(size.match(/w:h="(\d+)"/)?.[1]))).toBe(297);
    const margin = documentXml.match(/<w:pgMar ([^>]*)\/>/)?.[1] ?? '';
    const m = (side: string) => twipToMm(margin.match(new RegExp(`w:${side}="(\\d+)"`))?.[1]);
    expect(m('top')).toBeGreaterThanOrEqual(19.9);
    expect(m('top')).toBeLessThanOrEqual(25.1);
    expect(m('bottom')).toBeGreaterThanOrEqual(19.9);
    expect(m('bottom')).toBeLessThanOrEqual(25.1);
    expect(m('left')).toBeGreaterThanOrEqual(29.9);
    expect(m('left')).toBeLessThanOrEqual(35.1);
    expect(m('right')).toBeGreaterThanOrEqual(14.9);
    expect(m('right')).toBeLessThanOrEqual(20.1);
  });

  it('writes NFC text even from NFD input', async () => {
    const nfd = JSON.parse(JSON.stringify(FIELDS).normalize('NFD')) as ApologyLetterFields;
    const { documentXml, text } = await unpack(nfd);
    expect(documentXml).toBe(documentXml.normalize('NFC'));
    expect(text).toContain('Kính gửi: Bà Nguyễn Thị Hoa');
  });

  it('addresses an organisation without a personal honorific and omits missing optional parts', async () => {
    const fields: ApologyLetterFields = {
      ...FIELDS,
      recipient: { kind: 'organization', name: 'Công ty TNHH Hoa Mai' },
      copyTo: [],
      signer: { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: 'Lý Văn Sơn' },
    };
    const { text } = await unpack(fields);
    expect(text).toContain('Kính gửi: Công ty TNHH Hoa Mai');
    expect(text).toContain('trân trọng xin lỗi Quý cơ quan, tổ chức');
    expect(text).not.toContain('UBND TỈNH');
    expect(text).not.toContain('Địa chỉ:');
    expect(text).not.toContain('KT.');
  });
});

describe('letterText', () => {
  it('is the same letter as plain text, in Vietnamese by default', () => {
    const text = letterText(FIELDS);
    expect(text).toBe(text.normalize('NFC'));
    expect(text.split('\n')).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('Lý do chậm trả kết quả: cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây.');
    expect(text).toContain('vào ngày 03 tháng 12 năm 2026');
  });

  it('has an English rendering for UI previews', () => {
    const text = letterText(FIELDS, 'en');
    expect(text).toContain('APOLOGY AND NEW DATE FOR RETURNING THE RESULT');
    expect(text).toContain('To: Ms Nguyễn Thị Hoa');
    expect(text).toContain('Reason for the delay: cần xác minh');
    expect(text).not.toContain('PHIẾU XIN LỖI');
  });
});

describe('convertToPdf', () => {
  const soffice = findSoffice();

  it('says soffice_missing, without throwing, when LibreOffice is absent', async () => {
    expect(findSoffice('')).toBeUndefined();
    const r = await convertToPdf(Buffer.from('not used'), { soffice: '/nonexistent/soffice' });
    expect(r).toMatchObject({ ok: false, reason: 'soffice_missing' });
  });

  it('says conversion_failed when the converter fails', async () => {
    const r = await convertToPdf(Buffer.from('not used'), { soffice: '/bin/false' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('conversion_failed');
      expect(r.detail.length).toBeGreaterThan(0);
    }
  });

  it.runIf(soffice !== undefined)(
    `converts the DOCX to PDF with LibreOffice${soffice ? '' : ' (skipped: soffice/libreoffice not on PATH)'}`,
    async () => {
      const r = await convertToPdf(await renderApologyDocx(FIELDS));
      if (!r.ok) expect.unreachable(`conversion failed: ${r.reason} ${r.detail}`);
      expect(r.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.pdf.length).toBeGreaterThan(5_000);
    },
    120_000,
  );

  it.runIf(soffice !== undefined)(
    'embeds one serif family only: every Vietnamese letter is in the Times-metric font, none falls back to DejaVu',
    async () => {
      for (const fields of [FIELDS, LATE_ANSWER]) {
        const r = await convertToPdf(await renderApologyDocx(fields));
        if (!r.ok) expect.unreachable(`conversion failed: ${r.reason} ${r.detail}`);
        // Font names are plain ASCII in the PDF's font dictionaries ("/BaseFont /ABCDEF+LiberationSerif-Bold").
        const names = [...r.pdf.toString('latin1').matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!);
        const families = new Set(names.map((n) => n.replace(/^[A-Z]{6}\+/, '').replace(/[-,](Bold|Italic|BoldItalic|Regular)$/, '')));
        expect(names.length).toBeGreaterThan(0);
        expect([...families]).toHaveLength(1);
        expect([...families][0]).toMatch(/^(LiberationSerif|TimesNewRoman|TimesNewRomanPSMT|Tinos)$/);
      }
    },
    240_000,
  );
});
