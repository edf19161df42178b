import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/db.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, letterDates, makeCase, seedWorld, signedIn, type World } from './support.ts';

interface LetterJson {
  id: string;
  status: string;
  number: string | null;
  missing?: string[];
}

describe.each(DB_KINDS)('inbox: apology letter workflow (%s)', (kind) => {
  let h: TestRuntime;
  let world: World;
  let staffA: Client;
  let leaderA: Client;
  let staffB: Client;

  beforeAll(async () => {
    h = await startTestRuntime(kind, { roles: ['web'] });
    world = await seedWorld(h.t.db);
    staffA = await signedIn(h.rt.url!, 'staff.a');
    leaderA = await signedIn(h.rt.url!, 'leader.a');
    staffB = await signedIn(h.rt.url!, 'staff.b');
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('drafts, edits through the form, previews, signs (leader only) and downloads the DOCX', async () => {
    const c = await makeCase(h.t.db, 'PSID-LETTER', {
      identified: true,
      classification: { label: 'tre_han', labels: ['tre_han'], confidence: 0.9, targetsLeader: false, needsReview: false },
    });
    expect((await staffB.json('POST', `/api/cases/${c.id}/letters`)).status).toBe(404);
    const draft = await staffA.json<LetterJson>('POST', `/api/cases/${c.id}/letters`);
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.missing).toEqual(expect.arrayContaining(['procedure', 'reason', 'newDate']));
    // Drafting again returns the same open draft.
    expect((await staffA.json<LetterJson>('POST', `/api/cases/${c.id}/letters`)).body.id).toBe(draft.body.id);

    const dates = letterDates();
    const form = await staffA.request('POST', `/inbox/letters/${draft.body.id}`, {
      form: {
        _csrf: staffA.csrf,
        procedure: 'cấp giấy chứng nhận quyền sử dụng đất',
        dossierCode: 'HS-2026-0042',
        receivedOn: dates.receivedOn,
        promisedOn: dates.promisedOn,
        reason: 'phải xác minh lại ranh giới thửa đất',
        newDate: dates.newDate,
        recipientKind: 'person',
        recipientHonorific: 'ong',
        recipientName: 'Nguyễn Văn Dân',
        signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
        signerCapacity: 'KT. CHỦ TỊCH',
        signerTitle: 'PHÓ CHỦ TỊCH',
        signerName: 'Trần Thị Ký',
      },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/inbox/cases/${c.id}?done=letter_saved#letters`);
    const view = await staffA.json<{ letters: (LetterJson & { preview: string | null })[] }>('GET', `/api/cases/${c.id}`);
    const letter = view.body.letters[0]!;
    expect(letter.missing).toEqual([]);
    expect(letter.preview).toContain('phải xác minh lại ranh giới thửa đất');
    expect(letter.preview).toContain('Trần Thị Ký');

    const badDate = await staffA.json<{ error: { details: { issues: { path: string }[] } } }>('PATCH', `/api/letters/${letter.id}`, {
      newDate: dates.dayOff,
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.issues.map((i) => i.path)).toContain('newDate');

    const draftDocx = await staffA.get(`/api/letters/${letter.id}/docx`);
    expect(draftDocx.status).toBe(200);
    expect(draftDocx.headers.get('content-disposition')).toMatch(/^attachment; filename="?xin-loi-PA-\d{4}-\d+-du-thao\.docx"?$/);

    expect((await staffA.json('POST', `/api/letters/${letter.id}/sign`)).status).toBe(403);
    const signed = await leaderA.json<LetterJson>('POST', `/api/letters/${letter.id}/sign`);
    expect(signed.status).toBe(200);
    expect(['signed', 'sent']).toContain(signed.body.status);
    // NĐ 30/2020: two digits at least, then the type and issuer symbols, from the unit's yearly register.
    expect(signed.body.number).toMatch(/^\d{2,}\/PXL-UBND$/);
    expect((await staffA.json('PATCH', `/api/letters/${letter.id}`, { reason: 'đổi lý do' })).status).toBe(409);

    const page = await staffA.get(`/inbox/letters/${letter.id}/docx`);
    expect(page.status).toBe(200);
    const files = unzipSync(new Uint8Array(await page.arrayBuffer()));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    expect(xml).toContain('Nguyễn Văn Dân');
    expect(xml).toContain(signed.body.number!);
    const audit = await h.t.db.query<{ details: { fields: string[] } }>(
      "SELECT details FROM audit_log WHERE action = 'personal_data.viewed' AND entity_id = $1 AND actor = $2",
      [c.id, `user:${world.users.staffA.id}`],
    );
    expect(audit.some((a) => a.details.fields.includes('letter_recipient'))).toBe(true);

    // Outside the case's scope a letter does not exist.
    expect((await staffB.get(`/api/letters/${letter.id}/docx`)).status).toBe(404);
  });
});
