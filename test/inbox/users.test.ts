import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countUsers,
  createUser,
  DuplicateUsername,
  findUserForLogin,
  hashPassword,
  InvalidUser,
  listUsers,
  setEmail,
  setPassword,
  verifyPassword,
} from '../../src/users/index.ts';
import { listAudit } from '../../src/cases/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('mật khẩu dài đủ');
    const b = await hashPassword('mật khẩu dài đủ');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài đủ', a)).toBe(true);
    // NFD input (a keyboard sending combining marks) is the same password.
    expect(await verifyPassword('mật khẩu dài đủ'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài đu', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe.each(DB_KINDS)('staff accounts (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('creates accounts whose role fits their unit, with unique lower-case usernames', async () => {
    const u = await createUser(t.db, {
      username: 'Lan.Nguyen',
      displayName: 'Nguyễn Thị Lan',
      role: 'commune_staff',
      scope: { kind: 'commune', code: '00004' },
      password: 'một-mật-khẩu',
    });
    expect(u).toMatchObject({ username: 'lan.nguyen', role: 'commune_staff', scope: { kind: 'commune', code: '00004' }, active: true });
    await expect(
      createUser(t.db, { username: 'lan.nguyen', displayName: 'X', role: 'commune_staff', scope: { kind: 'commune', code: '00004' }, password: 'một-mật-khẩu' }),
    ).rejects.toBeInstanceOf(DuplicateUsername);
    await expect(
      createUser(t.db, { username: 'p1', displayName: 'X', role: 'province_officer', scope: { kind: 'commune', code: '00004' }, password: 'một-mật-khẩu' }),
    ).rejects.toBeInstanceOf(InvalidUser);
    await expect(
      createUser(t.db, { username: 'short', displayName: 'X', role: 'admin', scope: { kind: 'province', code: '01' }, password: 'ngắn' }),
    ).rejects.toThrow(/at least 10/);
    await expect(
      createUser(t.db, { username: 'bad name', displayName: 'X', role: 'admin', scope: { kind: 'province', code: '01' }, password: 'một-mật-khẩu' }),
    ).rejects.toThrow(/username/);
    const found = await findUserForLogin(t.db, ' LAN.NGUYEN ');
    expect(await verifyPassword('một-mật-khẩu', found!.hash)).toBe(true);
    await setPassword(t.db, u.id, 'mật-khẩu-mới-123', { chosenByOwner: true });
    expect(await verifyPassword('mật-khẩu-mới-123', (await findUserForLogin(t.db, 'lan.nguyen'))!.hash)).toBe(true);
    expect(await countUsers(t.db)).toBe(1);
  });

  it('keeps an optional e-mail address, checked by the program and by the database', async () => {
    const base = { displayName: 'X', role: 'commune_staff', scope: { kind: 'commune', code: '00004' }, password: 'một-mật-khẩu' } as const;
    expect((await createUser(t.db, { ...base, username: 'no.mail' })).email).toBeNull();
    expect((await createUser(t.db, { ...base, username: 'blank.mail', email: '  ' })).email).toBeNull();
    const u = await createUser(t.db, { ...base, username: 'has.mail', email: ' hoa@xa.example.vn ' });
    expect(u.email).toBe('hoa@xa.example.vn');
    await expect(createUser(t.db, { ...base, username: 'bad.mail', email: 'hoa@xa' })).rejects.toBeInstanceOf(InvalidUser);
    expect((await setEmail(t.db, u.id, 'moi@xa.example.vn'))!.email).toBe('moi@xa.example.vn');
    expect((await setEmail(t.db, u.id, null))!.email).toBeNull();
    // Written around the program, a malformed address is still refused.
    await expect(t.db.query("UPDATE users SET email = 'two words@x.vn' WHERE id = $1", [u.id])).rejects.toThrow();
    expect((await findUserForLogin(t.db, 'has.mail'))!.user.email).toBeNull();
  });
});

// The CLI runs in a child process, which can share a PostgreSQL database with the test (not an
// in-memory PGlite); the repository underneath is tested on both kinds above.
describe('congboc users (child process, PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await t?.drop();
  });
  // Each case starts several processes; on two busy cores that adds up, so they are kept short.
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(import.meta.dirname, '../../src/cli/main.ts'), 'users', ...args], {
      env: { ...process.env, DATABASE_URL: t.url!, LOG_LEVEL: 'silent' },
      input,
      encoding: 'utf8',
    });

  it('add creates accounts, with a generated password or one from stdin, and refuses an unknown role', async () => {
    const add = cli(['add', '--username', 'admin', '--role', 'admin', '--scope', 'province:01', '--name', 'Quản trị']);
    expect(add.status, add.stderr).toBe(0);
    const made = JSON.parse(add.stdout) as { username: string; password: string; role: string };
    expect(made).toMatchObject({ username: 'admin', role: 'admin' });
    expect(made.password.length).toBeGreaterThanOrEqual(16);
    const stored = (await findUserForLogin(t.db, 'admin'))!;
    expect(await verifyPassword(made.password, stored.hash)).toBe(true);
    // Whoever ran the command knows the password: its owner must replace it at the first sign-in.
    expect(stored.user.mustChangePassword).toBe(true);
    expect((await listAudit(t.db, 'user', stored.user.id)).map((a) => [a.actor, a.action])).toEqual([['cli', 'user.created']]);

    const piped = cli(['add', '--username', 'to.truong', '--role', 'commune_leader', '--scope', 'commune:00004', '--password-stdin'], 'mật khẩu từ stdin\n');
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).password).toBeUndefined();
    expect(await verifyPassword('mật khẩu từ stdin', (await findUserForLogin(t.db, 'to.truong'))!.hash)).toBe(true);

    expect(cli(['add', '--username', 'x1', '--role', 'chief', '--scope', 'province:01']).status).toBe(1);
  });

  it('disable keeps an account from the active list; passwd of an unknown user exits 1', async () => {
    expect(cli(['disable', 'to.truong']).status).toBe(0);
    const listed = cli(['list']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { username: string; active: boolean });
    expect(listed.map((u) => [u.username, u.active])).toEqual(
      expect.arrayContaining([
        ['admin', true],
        ['to.truong', false],
      ]),
    );
    expect((await listUsers(t.db, { activeOnly: true })).map((u) => u.username)).not.toContain('to.truong');
    expect(cli(['passwd', 'nobody']).status).toBe(1);
  });

  it('keeps an optional e-mail address for deadline notices: at creation, changed, cleared; a malformed one is refused', async () => {
    const mailed = cli(['add', '--username', 'can.bo', '--role', 'commune_staff', '--scope', 'commune:00004', '--email', 'canbo@badinh.example.vn']);
    expect(mailed.status, mailed.stderr).toBe(0);
    expect(JSON.parse(mailed.stdout)).toMatchObject({ username: 'can.bo', email: 'canbo@badinh.example.vn' });
    expect(cli(['add', '--username', 'sai.thu', '--role', 'commune_staff', '--scope', 'commune:00004', '--email', 'khong-phai-thu']).status).toBe(1);
    expect(await findUserForLogin(t.db, 'sai.thu')).toBeNull();
    expect(JSON.parse(cli(['email', 'can.bo', 'moi@badinh.example.vn']).stdout)).toMatchObject({ email: 'moi@badinh.example.vn' });
    expect(cli(['email', 'can.bo', 'a b@c.vn']).status).toBe(1);
    expect((await findUserForLogin(t.db, 'can.bo'))!.user.email).toBe('moi@badinh.example.vn');
    expect(JSON.parse(cli(['email', 'can.bo']).stdout)).toMatchObject({ email: null });
    expect(cli(['email', 'nobody', 'x@y.vn']).status).toBe(1);
  });
});
