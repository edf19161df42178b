import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCase, getCase, listAttachments, listCaseEvents } from '../../src/cases/index.ts';
import { type EventContent, validateOutbound } from '../../src/channels/types.ts';
import type { EngineDeps } from '../../src/conversation/index.ts';
import { addOutbound, storeInbound } from '../../src/messaging/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { type Account, addAccount, Citizen, Clock, dueDateRequests, fakeClassifier, makeDeps, render } from './harness.ts';

const MINUTE = 60_000;

describe.each(DB_KINDS)('feedback conversation on %s', (kind) => {
  let t: TestDatabase;
  let ward: Account;
  let province: Account;
  let otherWard: Account;
  const clock = new Clock();
  let n = 0;
  const citizen = (account: Account = ward, classify: EngineDeps['classify'] = () => null) =>
    new Citizen(t, account, `user-${kind}-${++n}`, makeDeps(clock, classify));

  beforeAll(async () => {
    t = await freshDatabase(kind);
    ward = await addAccount(t, 'oa-saigon', { kind: 'commune', code: '26734' }, 'UBND phường Sài Gòn');
    province = await addAccount(t, 'oa-hcm', { kind: 'province', code: '79' }, null);
    otherWard = await addAccount(t, 'oa-badinh', { kind: 'commune', code: '00004' }, 'UBND phường Ba Đình');
  });
  afterAll(() => t.drop());

  async function caseByCode(code: string) {
    const [row] = await t.db.query<{ id: string }>('SELECT id::text AS id FROM cases WHERE code = $1', [code]);
    return getCase(t.db, row!.id);
  }

  it('leads a Vietnamese complaint to a case, skipping the menu, with consent recorded word for word', async () => {
    const c = citizen();
    let r = await c.send('Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận');
    expect(c.said()).toContain('Xin cảm ơn anh/chị đã cho biết');
    expect(c.said()).toContain('Việc này xảy ra tại UBND phường Sài Gòn, đúng không ạ?');
    expect(r.replies.at(-1)?.type).toBe('choice');
    expect(r.timer).toEqual({ name: 'nudge', afterMs: 30 * MINUTE });
    expect(r.locale).toBe('vi');

    await c.send('1');
    expect(c.said()).toContain('Việc xảy ra khi nào ạ?');
    await c.send('sáng thứ hai tuần trước');
    const consentText = c.said();
    expect(consentText).toContain('Xin phép anh/chị');
    expect(consentText).not.toContain('giữ bí mật');
    await c.send('Đồng ý');
    expect(c.said()).toContain('họ tên và số điện thoại');
    await c.send('Nguyễn Thị Lan');
    expect(c.said()).toContain('Dạ, và số điện thoại');
    await c.send('0912 34');
    expect(c.said()).toContain('chưa đúng');
    await c.send('0912 345 678');
    const summary = c.said();
    expect(summary).toContain('• Nội dung: Cán bộ phường bắt tôi đi lại 4 lần');
    expect(summary).toContain('• Nơi xảy ra: Phường Sài Gòn');
    expect(summary).toContain('• Thời gian: sáng thứ hai tuần trước');
    expect(summary).toContain('• Người gửi: Nguyễn Thị Lan, 0912345678');
    expect(summary).not.toContain('Bộ phận, cán bộ liên quan');

    r = await c.send('Gửi phản ánh');
    expect(r.caseCreated?.code).toMatch(/^PA-2026-\d{6}$/);
    expect(r.timer).toBeNull();
    // Monday 23/11/2026 + 10 working days (weekends only, the placeholder) = Monday 07/12/2026.
    expect(c.said()).toContain(`Mã phản ánh của anh/chị là ${r.caseCreated!.code}`);
    // A notice of how it is handled is promised, not an answer (Luật Tiếp công dân Điều 28.1).
    expect(c.said()).toContain('Chậm nhất ngày 07/12/2026');
    expect(c.said()).toContain('sẽ thông báo cho anh/chị phản ánh được xử lý thế nào');
    expect(c.said()).not.toContain('trả lời chậm nhất');
    expect(dueDateRequests.at(-1)).toBe('phan_anh_kien_nghi');

    const created = await getCase(t.db, r.caseCreated!.id);
    expect(created).toMatchObject({
      kind: 'feedback',
      status: 'new',
      label: 'unknown',
      needsReview: true,
      communeCode: '26734',
      provinceCode: '79',
      routedTo: { kind: 'commune', code: '26734' },
      occurredText: 'sáng thứ hai tuần trước',
      officialText: null,
      identityProtected: false,
      dueDate: '2026-12-07',
      locale: 'vi',
    });
    expect(created!.reporter).toMatchObject({ kind: 'identified', name: 'Nguyễn Thị Lan', phone: '0912345678' });

    const consents = await t.db.query<{ id: string; granted: boolean; wording: string; locale: string; purpose: string; recorded_at: Date }>(
      'SELECT id::text AS id, granted, wording, locale, purpose, recorded_at FROM consents WHERE conversation_id = $1',
      [await c.conversationId()],
    );
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ granted: true, wording: consentText, locale: 'vi', purpose: 'contact_for_reply' });
    expect(new Date(consents[0]!.recorded_at).toISOString()).toBe(clock.now().toISOString());
    expect(created!.reporter.kind === 'identified' && created!.reporter.consentId).toBe(consents[0]!.id);
  });

  it('answers in English to a citizen who writes English', async () => {
    const c = citizen();
    let r = await c.send('Hello');
    expect(r.locale).toBe('en');
    expect(c.said()).toContain('Hello! This is the feedback channel of UBND phường Sài Gòn.');
    expect(c.said()).toContain('1. Send feedback');
    await c.send('send feedback');
    expect(c.said()).toContain('Please tell us what happened');
    await c.send('The officer at the desk shouted at me and refused to take my papers');
    expect(c.said()).toContain('Did this happen in UBND phường Sài Gòn?');
    await c.send('yes');
    expect(c.said()).toContain('When did it happen?');
    await c.send('skip');
    expect(c.said()).toContain('May we ask your permission');
    await c.send('2');
    expect(c.said()).toContain('• From: anonymous');
    r = await c.send('send');
    expect(c.said()).toContain(`Its code is ${r.caseCreated!.code}`);
    const created = await getCase(t.db, r.caseCreated!.id);
    expect(created).toMatchObject({ locale: 'en', reporter: { kind: 'anonymous' } });
    const [consent] = await t.db.query<{ granted: boolean; locale: string }>(
      'SELECT granted, locale FROM consents WHERE conversation_id = $1',
      [await c.conversationId()],
    );
    expect(consent).toEqual({ granted: false, locale: 'en' });
  });

  it('answers a procedure question from the FAQ, and records any other question for staff, without a form', async () => {
    const faq = citizen();
    const answered = await faq.send('Cho hỏi làm giấy khai sinh cho con cần mang giấy tờ gì ạ?');
    expect(faq.said()).toContain('Xin chào anh/chị');
    expect(faq.said()).toContain('trong 60 ngày kể từ ngày sinh');
    expect(answered.caseCreated).toBeUndefined();
    expect(answered.state).toMatchObject({ mode: 'idle' });

    const c = citizen();
    const r = await c.send('Cho hỏi bao giờ phường tổ chức tiêm phòng dại cho chó mèo ạ?');
    expect(r.caseCreated).toBeDefined();
    expect(c.said()).toContain('Xin cảm ơn câu hỏi của anh/chị');
    expect(c.said()).toContain(r.caseCreated!.code);
    expect(c.said()).not.toContain('Xin phép');
    expect(dueDateRequests.at(-1)).toBe('hoi_dap');
    expect(await caseByCode(r.caseCreated!.code)).toMatchObject({
      kind: 'question',
      legalKind: 'hoi_dap',
      description: 'Cho hỏi bao giờ phường tổ chức tiêm phòng dại cho chó mèo ạ?',
      communeCode: '26734',
      reporter: { kind: 'anonymous' },
    });
    expect(r.timer).toBeNull();
  });

  it('looks a case up for its own citizen only, with status, date and answer', async () => {
    const owner = citizen();
    const r = await owner.send('Cán bộ một cửa thu tiền nhưng không đưa biên lai cho tôi');
    await owner.send('cancel');
    // "cancel" is only a command when typed alone; here it was mid-flow, so the draft is gone.
    expect(owner.said()).toContain('hủy');
    expect(r.caseCreated).toBeUndefined();

    const q = await owner.send('Cho hỏi bao giờ phường phát gạo hỗ trợ?');
    const code = q.caseCreated!.code;
    await owner.send(`tra cứu ${code}`);
    expect(owner.said()).toBe(`Phản ánh ${code}: đã tiếp nhận. Hạn trả lời: 07/12/2026.`);
    await t.db.transaction((tx) => answerCase(tx, q.caseCreated!.id, 'Anh/chị mang CCCD đến bộ phận một cửa.', 'staff:7'));
    await owner.send(code.toLowerCase());
    expect(owner.said()).toContain('đã trả lời');
    expect(owner.said()).toContain('Trả lời của UBND phường Sài Gòn: Anh/chị mang CCCD đến bộ phận một cửa.');

    const stranger = citizen();
    await stranger.send(`tra cuu ${code}`);
    const notFound = stranger.said();
    expect(notFound).toContain(`không tìm thấy mã ${code}`);
    expect(notFound).not.toContain('đã trả lời');
    expect(notFound).not.toContain('CCCD');
    await stranger.send('tra cứu PA-2026-999999');
    expect(stranger.said()).toBe(notFound.replace(code, 'PA-2026-999999'));

    // A description that merely starts like a lookup is a description.
    const c = citizen();
    await c.send('Kiểm tra giúp tôi vì sao hồ sơ đất nộp 3 tháng chưa có kết quả');
    expect(c.said()).toContain('Xin cảm ơn anh/chị đã cho biết');

    // "tra cứu" without a code asks for it, then answers.
    await owner.send('tra cứu');
    expect(owner.said()).toContain('mã phản ánh');
    await owner.send(code);
    expect(owner.said()).toContain(`Phản ánh ${code}`);

    // Soon after a case, text is added to it; "phản ánh mới" starts over from the menu instead.
    await owner.send('phản ánh mới');
    expect(owner.said()).toContain('Anh/chị cần chúng tôi giúp gì ạ?');
    await owner.send('Cán bộ văn hóa xã thu tiền lễ hội không rõ mục đích');
    expect(owner.said()).toContain('đúng không ạ?');
    // In the middle of new feedback, a lookup answers and then asks the pending question again.
    await owner.send(`tra cuu ${code}`);
    expect(owner.said()).toContain(`Phản ánh ${code}: đã trả lời`);
    expect(owner.said()).toContain('đúng không ạ?');
    await owner.send('1');
    expect(owner.said()).toContain('khi nào');
  });

  it('offers a choice when several communes share a name', async () => {
    const c = citizen(province);
    await c.send('Đường ở ấp 3 hỏng lâu rồi báo mãi không ai sửa');
    expect(c.said()).toContain('Việc này xảy ra ở xã/phường nào');
    await c.send('xã Tân Phú');
    const shown = c.said();
    expect(shown).toContain('Có vài nơi cùng tên');
    // The account's province comes first.
    expect(shown).toContain('1. Xã Tân Phú, Thành phố Hồ Chí Minh');
    expect(shown).toContain('2. Xã Tân Phú, Tỉnh Đồng Nai');
    expect(shown).toContain('3. Không có ở đây');
    await c.send('2');
    expect(c.said()).toContain('Dạ, nơi xảy ra: Xã Tân Phú, Tỉnh Đồng Nai.');
    await c.send('bo qua');
    await c.send('gui an danh');
    const r = await c.send('gui');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({
      communeCode: '26005',
      provinceCode: '75',
      routedTo: { kind: 'commune', code: '26005' },
      placeText: 'xã Tân Phú',
    });
  });

  it('understands a citizen typing without diacritics', async () => {
    const c = citizen();
    const r1 = await c.send('can bo phuong bat toi di lai 4 lan ma khong giai quyet');
    expect(r1.locale).toBe('vi');
    expect(c.said()).toContain('đúng không ạ?');
    await c.send('dung');
    expect(c.said()).toContain('khi nào');
    await c.send('hom qua');
    await c.send('dong y');
    expect(c.said()).toContain('họ tên');
    await c.send('Tran Van Binh');
    await c.send('bo qua');
    expect(c.said()).toContain('• Người gửi: Tran Van Binh');
    const r = await c.send('gui phan anh');
    expect(r.caseCreated).toBeDefined();
    expect(r.locale).toBe('vi');
  });

  it('explains a merged commune and asks which new unit', async () => {
    const c = citizen(province);
    await c.send('Gửi phản ánh');
    await c.send('Hồ sơ đất nộp từ tháng 8 đến nay chưa có kết quả');
    await c.send('phường Bến Nghé');
    // An old name that went to one unit today is said and noted, not asked about.
    expect(c.said()).toContain('Dạ, “Phường Bến Nghé” nay thuộc Phường Sài Gòn, Thành phố Hồ Chí Minh.');
    expect(c.said()).toContain('Việc xảy ra khi nào ạ?');

    const d = citizen(province);
    await d.send('Gửi phản ánh');
    await d.send('Hồ sơ đất nộp từ tháng 8 đến nay chưa có kết quả');
    await d.send('Đa Kao');
    expect(d.said()).toContain('các xã/phường mới dưới đây');
    expect(d.said()).toContain('2. Phường Tân Định');
    await d.send('Không có ở đây');
    expect(d.said()).toContain('ghi rõ giúp tên xã/phường');
    await d.send('Quận 1');
    expect(d.said()).toContain('không còn là đơn vị hành chính từ ngày 01/7/2025');
    await d.send('Ấp Bình Minh xa lắm');
    // After two names the directory does not know, the citizen's words are kept for staff.
    expect(d.said()).toContain('đúng như anh/chị viết');
    await d.send('bỏ qua');
    await d.send('2');
    const r = await d.send('1');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({
      communeCode: null,
      provinceCode: '79',
      routedTo: { kind: 'province', code: '79' },
      placeText: 'Ấp Bình Minh xa lắm',
    });
  });

  it('keeps photos, files and locations sent at any point, and adds later ones to the case', async () => {
    const c = citizen();
    await c.send({ type: 'image', url: 'https://cdn.test/1.jpg' });
    expect(c.said()).toContain('Xin chào anh/chị');
    expect(c.said()).toContain('kể giúp chuyện gì đã xảy ra');
    await c.send('Đã quá hẹn trả sổ đỏ 2 tháng, hỏi thì cán bộ bảo chờ');
    await c.send({ type: 'location', latitude: 10.7769, longitude: 106.7009, address: 'UBND phường' });
    expect(c.said()).toBe('Đã nhận vị trí, xin cảm ơn anh/chị.');
    await c.send('1');
    await c.send({ type: 'file', url: 'https://cdn.test/bien-nhan.pdf', name: 'bien-nhan.pdf' });
    await c.send('bỏ qua');
    await c.send('Gửi ẩn danh');
    expect(c.said()).toContain('• Tệp đính kèm: 3');
    const r = await c.send('Gửi phản ánh');
    const id = r.caseCreated!.id;
    expect(await listAttachments(t.db, id)).toEqual([
      { kind: 'image', url: 'https://cdn.test/1.jpg' },
      { kind: 'location', latitude: 10.7769, longitude: 106.7009, address: 'UBND phường' },
      { kind: 'file', url: 'https://cdn.test/bien-nhan.pdf', name: 'bien-nhan.pdf' },
    ]);

    clock.advance(60 * MINUTE);
    await c.send({ type: 'image', url: 'https://cdn.test/2.jpg' });
    expect(c.said()).toContain(`bổ sung vào phản ánh ${r.caseCreated!.code}`);
    await c.send('Hôm nay tôi lại lên mà vẫn chưa có');
    expect(c.said()).toContain(`bổ sung tin nhắn này vào phản ánh ${r.caseCreated!.code}`);
    const events = await listCaseEvents(t.db, id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'attachment_added', 'message_appended']);
    expect(events[2]!.details).toEqual({ text: 'Hôm nay tôi lại lên mà vẫn chưa có' });

    // After the follow-up window a message starts a new conversation instead.
    clock.advance(8 * 24 * 60 * MINUTE);
    await c.send('Xin chào');
    expect(c.said()).toContain('Anh/chị cần chúng tôi giúp gì ạ?');
  });

  it.each([
    ['hủy', 'cancel'],
    ['huy', 'cancel'],
    ['Dừng lại ạ', 'cancel'],
    ['dung', 'cancel'],
    ['gặp cán bộ', 'handoff'],
    ['cho tôi gap can bo', 'handoff'],
  ])('"%s" works at any step (%s)', async (text, what) => {
    const c = citizen();
    await c.send('Cán bộ tiếp dân nói trống không, quát tháo người dân');
    await c.send('1');
    expect(c.said()).toContain('khi nào');
    const r = await c.send(text);
    if (what === 'cancel') {
      expect(c.said()).toContain('đã hủy phần đang soạn');
      expect(r.timer).toBeNull();
      expect(r.state).toMatchObject({ mode: 'idle', step: null });
      // "Dừng" is a command; the next message starts afresh rather than answering "when".
      await c.send('xin chào');
      expect(c.said()).toContain('Anh/chị cần chúng tôi giúp gì ạ?');
    } else {
      expect(c.said()).toContain('đã báo cán bộ UBND phường Sài Gòn');
      expect(r.handoff).toBe(true);
      expect(r.timer).toEqual({ name: 'release', afterMs: 24 * 60 * MINUTE });
      // Staff talk now: the bot does not interrupt.
      const quiet = await c.send('Alo, có ai không?');
      expect(quiet.replies).toEqual([]);
    }
    expect(await t.db.query('SELECT 1 FROM cases WHERE conversation_id = $1', [await c.conversationId()])).toEqual([]);
  });

  it('continues where it was after a restart, with a new engine and only the database', async () => {
    const c = citizen();
    await c.send('Cán bộ địa chính hẹn đo đất ba lần đều không đến');
    await c.send('Ở nơi khác');
    c.restart(makeDeps(clock));
    await c.send('Phường Ba Đình');
    expect(c.said()).toContain('Dạ, nơi xảy ra: Phường Ba Đình, Thành phố Hà Nội.');
    c.restart(makeDeps(clock));
    await c.send('bỏ qua');
    await c.send('ẩn danh');
    c.restart(makeDeps(clock));
    const r = await c.send('gửi');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({
      communeCode: '00004',
      description: 'Cán bộ địa chính hẹn đo đất ba lần đều không đến',
    });
  });

  it('keeps two citizens writing at the same time apart', async () => {
    const a = citizen();
    const b = citizen();
    await Promise.all([a.send('Cán bộ hộ tịch thái độ rất khó chịu với người già'), b.send('Xin chào')]);
    expect(a.said()).toContain('đúng không ạ?');
    expect(b.said()).toContain('Anh/chị cần chúng tôi giúp gì ạ?');
    await Promise.all([a.send('1'), b.send('Gửi phản ánh')]);
    expect(a.said()).toContain('khi nào');
    expect(b.said()).toContain('kể giúp chuyện gì');
    await Promise.all([a.send('bỏ qua'), b.send('Đèn đường tổ 5 hỏng cả tháng không ai sửa')]);
    await Promise.all([a.send('ẩn danh'), b.send('1')]);
    await Promise.all([a.send('gửi'), b.send('bỏ qua')]);
    await b.send('ẩn danh');
    const [ra, rb] = await Promise.all([a.results.at(-1)!, b.send('gửi')]);
    expect(ra.caseCreated).toBeDefined();
    expect(rb.caseCreated).toBeDefined();
    expect(ra.caseCreated!.code).not.toBe(rb.caseCreated!.code);
    expect((await getCase(t.db, ra.caseCreated!.id))!.description).toContain('hộ tịch');
    expect((await getCase(t.db, rb.caseCreated!.id))!.description).toContain('Đèn đường');
  });

  it('keeps one citizen writing in two chats as two conversations', async () => {
    const userRef = `same-person-${kind}`;
    const inSaigon = new Citizen(t, ward, userRef, makeDeps(clock));
    const inBaDinh = new Citizen(t, otherWard, userRef, makeDeps(clock));
    await inSaigon.send('Cán bộ phường Sài Gòn giữ hồ sơ của tôi hai tuần không trả');
    expect(inSaigon.said()).toContain('tại UBND phường Sài Gòn');
    await inBaDinh.send('Xin chào');
    expect(inBaDinh.said()).toContain('kênh tiếp nhận phản ánh, kiến nghị của UBND phường Ba Đình');
    await inSaigon.send('1');
    expect(inSaigon.said()).toContain('khi nào');
    await inBaDinh.send('Gửi phản ánh');
    expect(inBaDinh.said()).toContain('kể giúp chuyện gì');
    for (const text of ['bỏ qua', 'ẩn danh']) await inSaigon.send(text);
    const r = await inSaigon.send('gửi');
    // The other chat is still waiting for its own description, untouched by the case.
    await inBaDinh.send('Cổng phường đóng sớm hơn giờ ghi trên bảng');
    expect(inBaDinh.said()).toContain('tại UBND phường Ba Đình');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({ communeCode: '26734' });
    expect(r.caseCreated).toBeDefined();
  });

  it('shows a citizen the contact details kept about them, and erases them on request while the case goes on', async () => {
    const c = citizen();
    await c.send('Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận');
    for (const answer of ['1', 'hôm qua', 'Đồng ý', 'Trần Văn Bình', '0987 654 321']) await c.send(answer);
    const r = await c.send('Gửi phản ánh');
    const { id, code } = r.caseCreated!;
    const conv = await c.conversationId();
    // What the worker stored of what the citizen wrote, as it stores every inbound event.
    const wrote = (n: number, content: EventContent) =>
      storeInbound(t.db, conv, { platform: 'zalo', accountRef: ward.externalId, userRef: c.userRef, eventId: `w-${conv}-${n}`, timestamp: 0, content });
    await wrote(1, { type: 'text', text: 'Trần Văn Bình' });
    await wrote(2, { type: 'text', text: 'số của tôi là +84 987.654.321 nhé' });
    await wrote(3, { type: 'user_submit_info', name: 'Trần Văn Bình', phone: '84987654321' });
    // … and the summary the bot sent back, which repeats them.
    await addOutbound(t.db, conv, 'test:summary', [validateOutbound({ type: 'text', payload: { text: '• Người gửi: Trần Văn Bình, 0987654321' } })]);

    await c.send('thông tin của tôi');
    expect(c.said()).toContain(`• Hồ sơ ${code}: Trần Văn Bình, 0987654321`);
    await c.send('xoá thông tin của tôi');
    expect(c.said()).toContain('Anh/chị muốn xóa họ tên và số điện thoại');
    await c.send('2');
    expect(c.said()).toContain('được giữ nguyên');
    expect((await getCase(t.db, id))!.reporter.kind).toBe('identified');

    await c.send('xoa thong tin cua toi');
    await c.send('1');
    expect(c.said()).toContain(`đã xóa họ tên và số điện thoại của anh/chị khỏi hồ sơ ${code}`);
    const after = (await getCase(t.db, id))!;
    expect(after.reporter).toEqual({ kind: 'anonymous' });
    expect(after.status).toBe('new');
    const inbound = await t.db.query<{ content: { content: Record<string, unknown> } }>(
      "SELECT content FROM messages WHERE conversation_id = $1 AND direction = 'in' ORDER BY id",
      [conv],
    );
    expect(inbound.map((m) => m.content.content)).toEqual([
      { type: 'text', text: '[…]' },
      { type: 'text', text: 'số của tôi là […] nhé' },
      { type: 'user_submit_info' },
    ]);
    const [summary] = await t.db.query<{ text: string }>(
      "SELECT content->'message'->'payload'->>'text' AS text FROM messages WHERE conversation_id = $1 AND direction = 'out'",
      [conv],
    );
    expect(summary!.text).toBe('• Người gửi: […], […]');
    const consents = await t.db.query<{ granted: boolean }>('SELECT granted FROM consents WHERE conversation_id = $1 ORDER BY id', [conv]);
    expect(consents.map((x) => x.granted)).toEqual([true, false]);
    expect((await listCaseEvents(t.db, id)).filter((e) => e.kind === 'personal_data_erased')).toHaveLength(1);
    const audit = await t.db.query<{ details: { cases: string[] } }>(
      "SELECT details FROM audit_log WHERE action = 'privacy.erase' AND entity_id = $1",
      [conv],
    );
    expect(audit.map((a) => a.details)).toEqual([{ cases: [code] }]);

    await c.send('thông tin của tôi');
    expect(c.said()).toContain('không lưu họ tên hay số điện thoại nào của anh/chị');
  });

  it('asks the step again after the citizen sees their data or answers the erase question with something else', async () => {
    const c = citizen();
    await c.send('Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận');
    await c.send('1');
    expect(c.said()).toContain('Việc xảy ra khi nào ạ?');
    await c.send('thong tin cua toi');
    expect(c.said()).toContain('không lưu họ tên hay số điện thoại nào');
    expect(c.said()).toContain('Việc xảy ra khi nào ạ?');
    await c.send('xóa thông tin của tôi');
    await c.send('để sau');
    expect(c.said()).toContain('được giữ nguyên');
    expect(c.said()).toContain('Việc xảy ra khi nào ạ?');
    await c.send('sáng nay');
    expect(c.said()).toContain('Xin phép anh/chị');
  });

  it('says that the reporter is protected when the report is about corruption', async () => {
    const c = citizen();
    await c.send('Cán bộ địa chính đòi 2 triệu tiền bôi trơn, không có biên lai');
    await c.send('1');
    await c.send('bỏ qua');
    const consentText = c.said();
    // Kept from the person reported; identity secret under the Law only for a named denouncer.
    expect(consentText).toContain('không được chuyển cho người bị phản ánh');
    expect(consentText).toContain('người tố cáo có ghi rõ họ tên được giữ bí mật danh tính');
    await c.send('Gửi ẩn danh');
    const r = await c.send('Gửi phản ánh');
    // Anonymous: nothing is promised "theo Luật Tố cáo" (Điều 25 leaves anonymous reports outside it).
    expect(c.said()).not.toContain('theo Luật Tố cáo');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({ identityProtected: true });
    const [consent] = await t.db.query<{ wording: string; granted: boolean }>(
      'SELECT wording, granted FROM consents WHERE conversation_id = $1',
      [await c.conversationId()],
    );
    expect(consent).toEqual({ wording: consentText, granted: false });
  });

  it('stores the classifier’s labels once it exists', async () => {
    const c = citizen(ward, fakeClassifier);
    await c.send('Cán bộ đòi tiền bôi trơn mới cho nộp hồ sơ');
    for (const text of ['1', 'bỏ qua', 'ẩn danh']) await c.send(text);
    const r = await c.send('gửi');
    expect(await getCase(t.db, r.caseCreated!.id)).toMatchObject({
      label: 'tham_nhung',
      secondaryLabels: ['tre_han'],
      needsReview: false,
      identityProtected: true,
    });
    // With the classifier, a short complaint is recognised even though it has few words.
    const d = citizen(ward, fakeClassifier);
    await d.send('bị làm khó');
    expect(d.said()).toContain('Xin cảm ơn anh/chị đã cho biết');
  });

  it('tracks a named corruption report as a tố cáo (7 working days) and says what a formal one needs', async () => {
    const c = citizen(ward, fakeClassifier);
    // The citizen says they denounce a named official: the denunciation flow, no menu.
    await c.send('Tôi tố cáo ông Tư địa chính đòi tiền bôi trơn mới cho nộp hồ sơ');
    for (const text of ['1', 'bỏ qua', 'đồng ý', 'Nguyễn Thị Hoa', 'bỏ qua']) await c.send(text);
    const r = await c.send('gửi');
    expect(dueDateRequests.at(-1)).toBe('to_cao_xu_ly_ban_dau');
    const created = await getCase(t.db, r.caseCreated!.id);
    expect(created).toMatchObject({ kind: 'denunciation', legalKind: 'to_cao', label: 'tham_nhung', reporter: { kind: 'identified' } });
    const said = c.said();
    expect(said).toContain('tin nhắn này chưa phải là đơn tố cáo');
    expect(said).toContain('đơn có ghi rõ họ tên, địa chỉ và chữ ký');
    expect(said).toContain('Luật Tố cáo, Điều 22');
    expect(said).toContain('được giữ bí mật theo Luật Tố cáo');
    expect(said).toContain(`Chậm nhất ngày ${created!.dueDate!.split('-').reverse().join('/')}`);

    // The same report sent anonymously: no protection "under the Law" is promised, and the citizen is told why.
    const anon = citizen(ward, fakeClassifier);
    await anon.send('Tôi tố cáo ông Tư địa chính đòi tiền bôi trơn mới cho nộp hồ sơ');
    for (const text of ['1', 'bỏ qua', 'ẩn danh']) await anon.send(text);
    const a = await anon.send('gửi');
    expect(await getCase(t.db, a.caseCreated!.id)).toMatchObject({ legalKind: 'to_cao', reporter: { kind: 'anonymous' } });
    expect(anon.said()).toContain('Luật Tố cáo, Điều 25');
    expect(anon.said()).not.toContain('được giữ bí mật theo Luật Tố cáo');
  });

  it('nudges once, then closes keeping a draft the citizen can resume', async () => {
    const c = citizen();
    await c.send('Cán bộ một cửa nghe điện thoại riêng suốt lúc tiếp dân');
    const stale = await c.timer('nudge');
    // Too early: a timer from an earlier arming; it only tells the worker when the real one is due.
    expect(stale.replies).toEqual([]);
    expect(stale.timer).toEqual({ name: 'nudge', afterMs: 30 * MINUTE });

    clock.advance(30 * MINUTE);
    const nudged = await c.timer('nudge');
    expect(render(nudged.replies[0]!)).toContain('Anh/chị còn ở đây không ạ?');
    expect(nudged.timer).toEqual({ name: 'close', afterMs: 4 * 60 * MINUTE });
    expect((await c.timer('nudge')).replies).toEqual([]);

    clock.advance(4 * 60 * MINUTE);
    const closed = await c.timer('close');
    expect(render(closed.replies[0]!)).toContain('đã lưu lại những gì anh/chị đã gửi');
    expect(closed.timer).toBeNull();
    expect(closed.state).toMatchObject({ mode: 'idle', savedDraft: { step: 'place' } });

    clock.advance(24 * 60 * MINUTE);
    await c.send('chào');
    expect(c.said()).toContain('đang gửi dở phản ánh: “Cán bộ một cửa nghe điện thoại riêng suốt lúc tiếp dân”');
    await c.send('Gửi tiếp');
    expect(c.said()).toContain('đúng không ạ?');
    for (const text of ['1', 'bỏ qua', 'ẩn danh']) await c.send(text);
    const r = await c.send('gửi');
    expect((await getCase(t.db, r.caseCreated!.id))!.description).toBe('Cán bộ một cửa nghe điện thoại riêng suốt lúc tiếp dân');
  });

  it('greets a new follower and uses Zalo shared info only after consent', async () => {
    const c = citizen();
    await c.send({ type: 'follow' });
    expect(c.said()).toContain('Xin chào anh/chị');
    await c.send({ type: 'user_submit_info', name: 'Lê Văn C', phone: '0987654321' });
    expect(c.said()).toContain('chỉ ghi lại thông tin cá nhân sau khi anh/chị đồng ý');
    await c.send('1');
    await c.send('Bảo vệ UBND không cho người dân gửi xe dù còn chỗ');
    for (const text of ['1', 'bỏ qua', 'đồng ý']) await c.send(text);
    expect(c.said()).toContain('họ tên');
    await c.send({ type: 'user_submit_info', name: 'Lê Văn C', phone: '0987 654 321' });
    expect(c.said()).toContain('• Người gửi: Lê Văn C, 0987654321');
  });
});
