import { findAccount } from '../../src/accounts/index.ts';
import { type CaseRecord, createCase, type NewCase } from '../../src/cases/index.ts';
import type { Database } from '../../src/db/index.ts';
import { addCalendarDays, addWorkingDays, type IsoDate, isWorkingDay, workingDayOnOrAfter } from '../../src/deadlines/index.ts';
import { communesOfProvince } from '../../src/directory/index.ts';
import { vietnamToday } from '../../src/inbox/today.ts';
import { ensureConversation } from '../../src/messaging/index.ts';
import { createUser, type Role, type User, type UserScope } from '../../src/users/index.ts';
import { FAKE } from '../support/runtime.ts';

export const PASSWORD = 'mật-khẩu-đủ-dài-1';

/**
 * Dates for an apology letter relative to today, so the tests do not expire: the form refuses
 * a new date before the letter's own date (today) or on a day off.
 */
export function letterDates(now: Date = new Date()) {
  const today = vietnamToday(now) as IsoDate;
  const newDate = addWorkingDays(today, 5);
  let dayOff = addCalendarDays(newDate, 1, { endOnDayOff: 'keep' });
  while (isWorkingDay(dayOff)) dayOff = addCalendarDays(dayOff, 1, { endOnDayOff: 'keep' });
  const daysAgo = (n: number) => workingDayOnOrAfter(vietnamToday(new Date(now.getTime() - n * 86_400_000)) as IsoDate);
  return {
    receivedOn: daysAgo(40),
    promisedOn: daysAgo(20),
    newDate,
    dayOff,
  };
}

export const UNITS = {
  communeA: FAKE.commune, // Phường Ba Đình, Hà Nội (01)
  communeB: '00008', // Phường Ngọc Hà, Hà Nội (01)
  provinceP: '01',
  provinceQ: '04', // Cao Bằng
} as const;

export const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

export interface World {
  users: Record<'staffA' | 'leaderA' | 'staffB' | 'officerP' | 'officerQ' | 'adminP' | 'sysAdmin', User>;
  cases: Record<'a1' | 'a2' | 'b1' | 'protectedP' | 'q1', CaseRecord>;
  communeQ: string;
}

async function user(db: Database, username: string, role: Role, scope: UserScope): Promise<User> {
  return createUser(db, { username, displayName: `Cán bộ ${username}`, role, scope, password: PASSWORD });
}

/** A citizen conversation on the test Messenger page, last written to `lastInboundAgoMs` ago. */
export async function conversation(db: Database, psid: string, lastInboundAgoMs = 60_000): Promise<string> {
  const account = await findAccount(db, 'messenger', FAKE.pageId);
  const id = await ensureConversation(db, account!.id, psid);
  await db.query("UPDATE conversations SET last_inbound_at = now() - ($2::bigint * interval '1 millisecond') WHERE id = $1", [
    id,
    lastInboundAgoMs,
  ]);
  return id;
}

async function consent(db: Database, conversationId: string): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO consents (conversation_id, purpose, granted, wording, locale)
     VALUES ($1, 'case_contact', true, 'Đồng ý', 'vi') RETURNING id::text AS id`,
    [conversationId],
  );
  return rows[0]!.id;
}

export async function makeCase(
  db: Database,
  psid: string,
  over: Partial<NewCase> & { phone?: string | null; identified?: boolean; lastInboundAgoMs?: number },
): Promise<CaseRecord> {
  const conversationId = await conversation(db, psid, over.lastInboundAgoMs);
  const reporter: NewCase['reporter'] = over.identified
    ? { kind: 'identified', name: 'Nguyễn Văn Dân', phone: over.phone ?? '0912345678', consentId: await consent(db, conversationId) }
    : { kind: 'anonymous' };
  return db.transaction((tx) =>
    createCase(tx, {
      kind: 'feedback',
      conversationId,
      locale: 'vi',
      receivedAt: new Date(),
      dueDate: '2099-12-31',
      communeCode: UNITS.communeA,
      provinceCode: UNITS.provinceP,
      placeText: 'Bộ phận một cửa',
      routedTo: { kind: 'commune', code: UNITS.communeA },
      classification: { label: 'cua_quyen', labels: ['cua_quyen'], confidence: 0.8, targetsLeader: false, needsReview: false },
      description: 'Cán bộ bắt bổ sung giấy tờ nhiều lần',
      occurredText: null,
      officialText: null,
      identityProtected: false,
      attachments: [],
      ...over,
      reporter,
    }),
  );
}

/** Two communes of one province, a commune of another, their staff, and one case each. */
export async function seedWorld(db: Database): Promise<World> {
  const communeQ = communesOfProvince(UNITS.provinceQ)[0]!.code;
  const users = {
    staffA: await user(db, 'staff.a', 'commune_staff', { kind: 'commune', code: UNITS.communeA }),
    leaderA: await user(db, 'leader.a', 'commune_leader', { kind: 'commune', code: UNITS.communeA }),
    staffB: await user(db, 'staff.b', 'commune_staff', { kind: 'commune', code: UNITS.communeB }),
    officerP: await user(db, 'officer.p', 'province_officer', { kind: 'province', code: UNITS.provinceP }),
    officerQ: await user(db, 'officer.q', 'province_officer', { kind: 'province', code: UNITS.provinceQ }),
    adminP: await user(db, 'admin.p', 'admin', { kind: 'province', code: UNITS.provinceP }),
    sysAdmin: await user(db, 'sys.admin', 'system_admin', { kind: 'province', code: UNITS.provinceP }),
  };
  const cases = {
    a1: await makeCase(db, 'PSID-A1', { description: `Cán bộ quát tháo ${XSS}`, identified: true }),
    a2: await makeCase(db, 'PSID-A2', {
      dueDate: '2020-01-02',
      classification: { label: 'tre_han', labels: ['tre_han'], confidence: 0.9, targetsLeader: false, needsReview: false },
      description: 'Hồ sơ đất đai trễ hẹn hai tuần',
    }),
    b1: await makeCase(db, 'PSID-B1', {
      communeCode: UNITS.communeB,
      routedTo: { kind: 'commune', code: UNITS.communeB },
      description: 'Đèn đường hỏng ở phường Ngọc Hà',
    }),
    protectedP: await makeCase(db, 'PSID-P1', {
      description: 'Chủ tịch phường nhận phong bì khi ký giấy',
      routedTo: { kind: 'province', code: UNITS.provinceP },
      identityProtected: true,
      identified: true,
      phone: '0987654321',
      classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: true, needsReview: false },
    }),
    q1: await makeCase(db, 'PSID-Q1', {
      communeCode: communeQ,
      provinceCode: UNITS.provinceQ,
      routedTo: { kind: 'commune', code: communeQ },
      description: 'Cao Bằng: đường sạt lở',
    }),
  };
  return { users, cases, communeQ };
}

/** A browser-less client: keeps cookies, sends the CSRF token it was given. */
export class Client {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(base: string) {
    this.base = base;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    opts: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...opts.headers };
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    if (opts.csrf !== false && method !== 'GET' && this.csrf && opts.form === undefined) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, json: unknown = {}) {
    return this.request('POST', path, { json });
  }

  async login(username: string, password = PASSWORD): Promise<Response> {
    const res = await this.post('/api/session', { username, password });
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  async json<T = Record<string, unknown>>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, json === undefined ? {} : { json });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }
}

export async function signedIn(base: string, username: string): Promise<Client> {
  const c = new Client(base);
  const res = await c.login(username);
  if (!res.ok) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  return c;
}
