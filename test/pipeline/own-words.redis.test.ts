import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Issue 16's seen cases, through the webhook, the queue and the worker (postgres): what the
 * citizen reads at the moments that went wrong, and what staff find in the case.
 */
describe('citizens in their own words (postgres)', () => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  let n = 0;
  const citizen = (platform: 'messenger' | 'zalo') =>
    new WebhookCitizen(h, inbox, platform, platform === 'zalo' ? `8416000${++n}` : `PSID-words-${++n}`);

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime('postgres');
  });
  afterAll(async () => {
    await h.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const description = async (code: string) =>
    (await h.t.db.query<{ description: string }>('SELECT description FROM cases WHERE code = $1', [code]))[0]!.description;

  it.each(['vâng', 'Vâng, gửi giúp tôi', 'ok gui di', 'dạ gửi ạ'])('sends the case at the summary on "%s", never adding it to the report', async (yes) => {
    const c = citizen('zalo');
    const first = await c.say('Cống thoát nước đầu ngõ 8 Đội Cấn bị tắc, nước thải tràn ra đường');
    expect(first).toMatch(/^Xin chào anh\/chị!/);
    expect(await c.say('dạ đúng ạ')).toContain('khi nào');
    await c.say('hôm qua');
    expect(await c.say('ẩn danh')).toContain('Anh/chị gửi phản ánh này nhé?');
    const done = await c.say(yes);
    const code = /PA-\d{4}-\d{6}/.exec(done)?.[0];
    expect(code, done).toBeDefined();
    expect(done).not.toContain('đã thêm vào nội dung');
    expect(await description(code!)).toBe('Cống thoát nước đầu ngõ 8 Đội Cấn bị tắc, nước thải tràn ra đường');
  });

  it('never reads "dạ đúng ạ" as a place when it asks where', async () => {
    const c = citizen('messenger');
    await c.say('Hàng quán lấn chiếm vỉa hè phố Kim Mã, người đi bộ phải xuống lòng đường');
    await c.say('Ở nơi khác');
    const asked = await c.say('dạ đúng ạ');
    expect(asked).toContain('cho biết giúp tên xã/phường');
    expect(asked).not.toContain('Xa Dung');
    expect(asked).not.toContain('Xã Xa Dung');
  });

  it('asks Zalo citizens to write their answer and Messenger citizens to tap it', async () => {
    const z = citizen('zalo');
    await z.say('Cán bộ một cửa hẹn trả kết quả chứng thực mà quá 3 ngày chưa có');
    expect(await z.say('1')).toContain('thì nhắn “Bỏ qua”');
    const m = citizen('messenger');
    await m.say('Cán bộ một cửa hẹn trả kết quả chứng thực mà quá 3 ngày chưa có');
    expect(await m.say('Đúng, tại đây')).toContain('thì bấm “Bỏ qua”');
  });

  it('thanks a compliment at once: no form, no date promised, recorded as praise', async () => {
    const c = citizen('zalo');
    const reply = await c.say('Em cảm ơn chị Lan bộ phận một cửa đã hướng dẫn em làm giấy tờ rất tận tình ạ');
    // The khen notice (locales/vi/case-kinds.json), naming the unit that records it.
    expect(reply).toContain('Xin cảm ơn lời khen của anh/chị! UBND phường Ba Đình đã ghi nhận');
    expect(reply).toContain('sẽ chuyển lời khen đến cán bộ, bộ phận được khen');
    expect(reply).not.toMatch(/chậm nhất|Xin phép|\d{2}\/\d{2}\/\d{4}/i);
    const [row] = await h.t.db.query<{ kind: string; legal_kind: string; reporter_name: string | null }>(
      "SELECT kind, legal_kind, reporter_name FROM cases WHERE description LIKE '%chị Lan%'",
    );
    expect(row).toEqual({ kind: 'compliment', legal_kind: 'khen', reporter_name: null });
  });

  it('acknowledges a rant and asks what happened before any case exists', async () => {
    const c = citizen('messenger');
    const reply = await c.say('phường làm ăn kiểu gì vậy???');
    expect(reply).toContain('rất tiếc');
    expect(reply).toContain('chuyện gì đã xảy ra');
    expect(await h.t.db.query("SELECT 1 FROM cases WHERE description LIKE '%kiểu gì%'")).toEqual([]);
  });

  it('tells a denunciation what a formal one needs', async () => {
    const c = citizen('zalo');
    await c.say('Tôi muốn tố cáo cán bộ địa chính phường đòi tiền mới ký hồ sơ');
    await c.say('1');
    await c.say('bỏ qua');
    await c.say('ẩn danh');
    const done = await c.say('gửi');
    // The tố cáo notice (locales/vi/case-kinds.json): not yet a formal one, and what a formal one needs.
    expect(done).toContain('tin nhắn này chưa phải là đơn tố cáo');
    expect(done).toContain('gửi đơn có ghi rõ họ tên, địa chỉ và chữ ký của mình, hoặc đến tố cáo trực tiếp tại UBND phường Ba Đình');
    expect(done).toContain('Luật Tố cáo, Điều 22');
    const code = /PA-\d{4}-\d{6}/.exec(done)![0];
    expect((await h.t.db.query<{ kind: string }>('SELECT kind FROM cases WHERE code = $1', [code]))[0]!.kind).toBe('denunciation');
  });

  it('opens the greeting on an unknown postback and fills the description from a photo caption', async () => {
    const c = citizen('messenger');
    const hello = await c.sendMessenger({ postback: { mid: 'gs-1', title: 'Bắt đầu', payload: 'GET_STARTED' } }, 'gs-1');
    expect(hello).toContain('Xin chào anh/chị');
    expect(hello).toContain('Anh/chị cần chúng tôi giúp gì ạ?');
    const next = await c.sendMessenger(
      { message: { mid: 'cap-1', text: 'Cây xanh đổ chắn ngang đường Liễu Giai', attachments: [{ type: 'image', payload: { url: 'https://cdn.test/cay.jpg' } }] } },
      'cap-1',
    );
    expect(next).toContain('đúng không ạ?');
    expect(next).not.toContain('kể giúp chuyện gì');
    await c.say('1');
    await c.say('sáng nay');
    await c.say('không');
    const done = await c.say('gửi');
    const code = /PA-\d{4}-\d{6}/.exec(done)![0];
    expect(await description(code)).toBe('Cây xanh đổ chắn ngang đường Liễu Giai');
  });
});
