import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS } from '../support/db.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Whole conversations through the real pipe: signed platform payloads into the webhook, the
 * worker and the flow engine over the database, replies captured where Graph and Zalo would
 * receive them.
 */
describe.each(DB_KINDS)('dialogues through the worker (%s)', (kind) => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  let n = 0;
  const citizen = (platform: 'messenger' | 'zalo') =>
    new WebhookCitizen(h, inbox, platform, platform === 'zalo' ? `84${kind.length}00000${++n}` : `PSID-${kind}-${++n}`);

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime(kind);
  });
  afterAll(async () => {
    await h.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  async function caseByCode(code: string) {
    const [row] = await h.t.db.query<Record<string, unknown>>('SELECT * FROM cases WHERE code = $1', [code]);
    return row;
  }

  async function fileComplaint(c: WebhookCitizen, first: string) {
    const opening = await c.say(first);
    expect(opening).toContain('Xin cảm ơn');
    expect(opening).toContain('phường Ba Đình');
    await c.say('1');
    await c.say('sáng thứ hai tuần trước');
    const consent = await c.say('Đồng ý');
    expect(consent).toContain('họ tên');
    await c.say('Trần Văn Nam');
    const summary = await c.say('0912 345 678');
    expect(summary).toContain('Trần Văn Nam, 0912345678');
    const done = await c.say('Gửi phản ánh');
    const code = /PA-\d{4}-\d{6}/.exec(done)?.[0];
    expect(code, done).toBeDefined();
    return { code: code!, done };
  }

  it('leads a Messenger complaint to a classified case with consent, then looks it up', async () => {
    const c = citizen('messenger');
    const { code, done } = await fileComplaint(c, 'Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận');
    // A notice of how it is handled is promised by a date, not an answer.
    expect(done).toMatch(/Chậm nhất ngày \d{2}\/\d{2}\/\d{4}, .+ sẽ thông báo cho anh\/chị/);
    const row = await caseByCode(code);
    expect(row).toMatchObject({ commune_code: '00004', reporter_name: 'Trần Văn Nam', reporter_phone: '0912345678', status: 'new' });
    expect(row!.label).toBe('cua_quyen');
    const consents = await h.t.db.query<{ granted: boolean; wording: string }>(
      'SELECT granted, wording FROM consents WHERE id = $1',
      [row!.consent_id],
    );
    expect(consents[0]!.granted).toBe(true);
    expect(consents[0]!.wording).toContain('Xin phép');

    const status = await c.say(`tra cuu ${code}`);
    expect(status).toContain(code);
    expect(status).toContain('đã tiếp nhận');
  });

  it('speaks English to a Zalo citizen who writes English, with numbered choices', async () => {
    const c = citizen('zalo');
    const hello = await c.say('Hello, I would like to send some feedback');
    expect(hello).toContain('Hello!');
    expect(hello).toMatch(/1\. Send feedback/);
  });

  it('answers a question without a form', async () => {
    const c = citizen('messenger');
    const answer = await c.say('Cho hỏi làm giấy khai sinh cho con cần những giấy tờ gì ạ?');
    expect(answer).toContain('câu hỏi');
    expect(answer).not.toContain('Xin phép');
  });

  it('keeps two citizens writing at once apart, each with their own case', async () => {
    const [a, b] = [citizen('messenger'), citizen('zalo')];
    const [ra, rb] = await Promise.all([
      fileComplaint(a, 'Cán bộ phường quát nạt tôi khi tôi hỏi thủ tục'),
      fileComplaint(b, 'Hồ sơ đất của tôi trễ hẹn hai tuần rồi vẫn chưa có kết quả'),
    ]);
    expect(ra.code).not.toBe(rb.code);
    const rowA = await caseByCode(ra.code);
    const rowB = await caseByCode(rb.code);
    expect(rowA!.description).toContain('quát nạt');
    expect(rowB!.description).toContain('trễ hẹn');
  });

  it('attaches a photo and a location sent in the middle of a report', async () => {
    const c = citizen('messenger');
    await c.say('Đường ngõ 5 bị ngập nặng mấy ngày nay không ai xử lý');
    await c.sendMessenger(
      { message: { mid: `img-${kind}`, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/ngap.jpg' } }] } },
      `img-${kind}`,
    );
    await c.sendMessenger(
      { message: { mid: `loc-${kind}`, attachments: [{ type: 'location', payload: { coordinates: { lat: 21.03, long: 105.84 } } }] } },
      `loc-${kind}`,
    );
    await c.say('1');
    expect(await c.say('Bỏ qua')).toContain('Xin phép');
    expect(await c.say('gui an danh')).toContain('ẩn danh');
    const done = await c.say('Gửi phản ánh');
    const code = /PA-\d{4}-\d{6}/.exec(done)![0];
    const attachments = await h.t.db.query<{ kind: string; url: string | null; latitude: number | null }>(
      'SELECT a.kind, a.url, a.latitude FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.code = $1 ORDER BY a.id',
      [code],
    );
    expect(attachments).toEqual([
      { kind: 'image', url: 'https://cdn.example/ngap.jpg', latitude: null },
      { kind: 'location', url: null, latitude: 21.03 },
    ]);
    expect(await caseByCode(code)).toMatchObject({ anonymous: true, reporter_name: null, reporter_phone: null });
  });

  it('understands a citizen without diacritics and offers a choice when several communes share a name', async () => {
    const c = citizen('zalo');
    expect(await c.say('can bo phuong bat toi di lai 4 lan ma chua lam giay xac nhan')).toContain('đúng không ạ?');
    expect(await c.say('2')).toContain('xã/phường nào');
    const choices = await c.say('xa tan phu');
    expect(choices).toContain('Có vài nơi cùng tên');
    const picked = /(\d)\. Xã Tân Phú, Tỉnh Tây Ninh/.exec(choices);
    expect(picked, choices).not.toBeNull();
    expect(await c.say(picked![1]!)).toContain('Dạ, nơi xảy ra: Xã Tân Phú, Tỉnh Tây Ninh.');
  });

  it('tells a citizen kindly when the commune they name has become another unit', async () => {
    const c = citizen('messenger');
    await c.say('Cán bộ gây khó dễ khi tôi làm thủ tục đất đai');
    await c.say('2');
    const merged = await c.say('xã Long Thành, Đồng Nai');
    // One unit today: said and noted, and the next question follows.
    expect(merged).toContain('“Xã Long Thành” nay thuộc Phường Long Thành, Thành phố Đồng Nai');
    expect(merged).toContain('khi nào');
  });

  it('proposes the commune the citizen already named in the description', async () => {
    const c = citizen('zalo');
    const opening = await c.say('Cán bộ xã Tân Phú tỉnh Tây Ninh làm khó khi tôi xin xác nhận tạm trú');
    expect(opening).toContain('Anh/chị có nhắc đến Xã Tân Phú, Tỉnh Tây Ninh');
    expect(await c.say('1')).toContain('Dạ, nơi xảy ra: Xã Tân Phú, Tỉnh Tây Ninh.');
  });

  it('keeps the same person on Zalo and on Messenger as two separate conversations', async () => {
    const onZalo = citizen('zalo');
    const onMessenger = new WebhookCitizen(h, inbox, 'messenger', onZalo.userRef);
    expect(await onZalo.say('Cán bộ phường quát tôi khi tôi hỏi thủ tục')).toContain('đúng không ạ?');
    // The same id on another platform is another person's chat: it starts at the beginning.
    expect(await onMessenger.say('Xin chào')).toContain('giúp gì');
    expect(await onZalo.say('1')).toContain('khi nào');
    const convs = await h.t.db.query('SELECT id FROM conversations WHERE user_ref = $1', [onZalo.userRef]);
    expect(convs).toHaveLength(2);
  });

  it('stops at "hủy" at any step', async () => {
    const c = citizen('zalo');
    await c.say('Cán bộ xã làm khó dễ khi tôi xin xác nhận cư trú');
    const bye = await c.say('huy');
    expect(bye.toLowerCase()).toMatch(/hủy|dừng/);
    expect(await h.t.db.query("SELECT 1 FROM cases WHERE description LIKE '%xác nhận cư trú%'")).toHaveLength(0);
  });
});

describe('a restart in the middle of a conversation (postgres)', () => {
  it('continues where the citizen left off', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const inbox = new PlatformInbox();
    const first = await startTestRuntime('postgres');
    const c1 = new WebhookCitizen(first, inbox, 'messenger', 'PSID-RESTART');
    const opening = await c1.say('Cán bộ phường bắt tôi nộp thêm giấy tờ không có trong quy định');
    expect(opening).toContain('đúng không');
    await first.rt.close();

    const second = await startTestRuntime('postgres', { reuse: { t: first.t, prefix: first.prefix } });
    const c2 = new WebhookCitizen(second, inbox, 'messenger', 'PSID-RESTART');
    // c2 has read nothing yet: skip what c1 saw.
    await c2.say('1').then((s) => expect(s).toContain('khi nào'));
    await second.stop();
    await first.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
});
