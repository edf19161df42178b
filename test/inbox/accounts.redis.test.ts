import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/cases/index.ts';
import { createUser, findUserForLogin, type Role, type User, type UserScope } from '../../src/users/index.ts';
import { DB_KINDS } from '../support/db.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { Client, PASSWORD, signedIn } from './support.ts';

/**
 * Administrators act only inside their reach, every change to an account or a channel is on
 * the audit trail, passwords chosen by someone else are replaced at the first sign-in, a
 * password change ends the user's other sessions, and parallel guesses count.
 */
describe.each(DB_KINDS)('accounts, administrators and passwords (%s)', (kind) => {
  let h: TestRuntime;
  const users = {} as Record<'adminHcm' | 'adminHn' | 'staffX' | 'sys', User>;

  async function user(username: string, role: Role, scope: UserScope) {
    return createUser(h.t.db, { username, displayName: `Cán bộ ${username}`, role, scope, password: PASSWORD });
  }

  beforeAll(async () => {
    h = await startTestRuntime(kind, { roles: ['web'] });
    users.adminHcm = await user('admin.hcm', 'admin', { kind: 'province', code: '79' });
    users.adminHn = await user('admin.hn', 'admin', { kind: 'province', code: '01' });
    users.staffX = await user('staff.x', 'commune_staff', { kind: 'commune', code: FAKE.commune });
    users.sys = await user('sys.admin', 'system_admin', { kind: 'province', code: '01' });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  const newUser = (username: string, role: Role, scopeKind: string, scopeCode: string) => ({
    username,
    displayName: 'Người mới',
    role,
    scopeKind,
    scopeCode,
    password: 'mat-khau-tam-thoi-1',
  });

  it('keeps a province’s administrator inside their province, and audits every change', async () => {
    const hcm = await signedIn(h.rt.url!, 'admin.hcm');
    // The attack: another province's staff, admins, and the accused commune's staff.
    expect((await hcm.json('POST', '/api/admin/users', newUser('hn.staff', 'province_officer', 'province', '01'))).status).toBe(403);
    expect((await hcm.json('POST', '/api/admin/users', newUser('hn.admin', 'admin', 'province', '01'))).status).toBe(403);
    expect((await hcm.json('POST', '/api/admin/users', newUser('x.spy', 'commune_staff', 'commune', FAKE.commune))).status).toBe(403);
    expect((await hcm.json('POST', '/api/admin/users', newUser('root2', 'system_admin', 'province', '79'))).status).toBe(403);
    expect((await hcm.json('PATCH', `/api/admin/users/${users.adminHn.id}`, { active: false })).status).toBe(404);
    expect((await hcm.json('PATCH', `/api/admin/users/${users.staffX.id}`, { email: 'x@y.vn' })).status).toBe(404);
    expect(await findUserForLogin(h.t.db, 'x.spy')).toBeNull();
    expect((await findUserForLogin(h.t.db, 'admin.hn'))!.user.active).toBe(true);
    // Another unit's Page can be neither added nor saved over.
    const page = { platform: 'messenger', externalId: FAKE.pageId, scopeKind: 'province', scopeCode: '79', name: 'Chiếm trang' };
    expect((await hcm.json('POST', '/api/admin/channels', page)).status).toBe(403);
    expect((await hcm.json('POST', '/api/admin/channels', { ...page, externalId: '5550001', scopeKind: 'province', scopeCode: '01' })).status).toBe(403);
    expect((await hcm.request('DELETE', `/api/admin/channels/messenger/${FAKE.pageId}`)).status).toBe(404);
    // Lists show only what lies inside the reach.
    const listed = await hcm.json<{ items: { username: string }[] }>('GET', '/api/admin/users');
    expect(listed.body.items.map((u) => u.username).sort()).toEqual(['admin.hcm']);
    const channels = await hcm.json<{ items: unknown[] }>('GET', '/api/admin/channels');
    expect(channels.body.items).toEqual([]);
    expect((await (await hcm.get('/inbox/admin')).text())).not.toContain('staff.x');

    // Inside the reach: a commune of province 79, audited with who did it.
    const made = await hcm.json<{ id: string; mustChangePassword: boolean }>(
      'POST',
      '/api/admin/users',
      newUser('phuong.canbo', 'commune_staff', 'commune', '25747'),
    );
    expect(made.status).toBe(201);
    expect(made.body.mustChangePassword).toBe(true);
    expect((await hcm.json('PATCH', `/api/admin/users/${made.body.id}`, { active: false, email: 'pc@hcm.example.vn' })).status).toBe(200);
    const trail = (await listAudit(h.t.db, 'user', made.body.id)).map((a) => [a.actor, a.action]);
    expect(trail).toEqual([
      [`user:${users.adminHcm.id}`, 'user.created'],
      [`user:${users.adminHcm.id}`, 'user.disabled'],
      [`user:${users.adminHcm.id}`, 'user.email_changed'],
    ]);
    const channel = await hcm.json<{ id: string }>('POST', '/api/admin/channels', {
      platform: 'zalo',
      externalId: '7770001',
      scopeKind: 'commune',
      scopeCode: '25747',
      name: 'UBND phường Thủ Dầu Một',
      accessToken: 'bí-mật',
    });
    expect(channel.status).toBe(201);
    expect((await hcm.request('DELETE', '/api/admin/channels/zalo/7770001')).status).toBe(204);
    const channelTrail = await listAudit(h.t.db, 'channel_account', channel.body.id);
    expect(channelTrail.map((a) => a.action)).toEqual(['channel.added', 'channel.deactivated']);
    expect(JSON.stringify(channelTrail)).not.toContain('bí-mật');
  });

  it('makes a password someone else chose be replaced at the first sign-in', async () => {
    const hn = await signedIn(h.rt.url!, 'admin.hn');
    expect((await hn.json('POST', '/api/admin/users', newUser('ba.dinh.moi', 'commune_staff', 'commune', FAKE.commune))).status).toBe(201);
    const fresh = new Client(h.rt.url!);
    expect((await fresh.login('ba.dinh.moi', 'mat-khau-tam-thoi-1')).status).toBe(200);
    const refused = await fresh.json<{ error: { code: string } }>('GET', '/api/cases');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CB_ERR_PASSWORD_CHANGE_REQUIRED');
    const page = await fresh.get('/inbox/cases');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/inbox/password');
    expect((await fresh.get('/inbox/password')).status).toBe(200);
    const changed = await fresh.json('POST', '/api/me/password', { currentPassword: 'mat-khau-tam-thoi-1', newPassword: 'mật-khẩu-của-riêng-tôi' });
    expect(changed.status).toBe(200);
    expect((await fresh.get('/api/cases')).status).toBe(200);
    expect((await findUserForLogin(h.t.db, 'ba.dinh.moi'))!.user.mustChangePassword).toBe(false);
  });

  it('changes one’s own password and ends every other session of the user', async () => {
    const here = await signedIn(h.rt.url!, 'staff.x');
    const elsewhere = await signedIn(h.rt.url!, 'staff.x');
    const wrong = await here.json('POST', '/api/me/password', { currentPassword: 'không-đúng-mật-khẩu', newPassword: 'mật-khẩu-mới-đủ-dài' });
    expect(wrong.status).toBe(401);
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    const ok = await here.json<{ endedSessions: number }>('POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: 'mật-khẩu-mới-đủ-dài' });
    expect(ok.status).toBe(200);
    expect(ok.body.endedSessions).toBe(1);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await new Client(h.rt.url!).login('staff.x', PASSWORD)).status).toBe(401);
    expect((await new Client(h.rt.url!).login('staff.x', 'mật-khẩu-mới-đủ-dài')).status).toBe(200);
    expect((await listAudit(h.t.db, 'user', users.staffX.id)).map((a) => a.action)).toContain('user.password_changed');
  });

  it('opens the queue dashboard to the system administrator only, and audits each opening', async () => {
    const hn = await signedIn(h.rt.url!, 'admin.hcm');
    expect((await hn.get('/inbox/admin/queues/')).status).toBe(403);
    const sys = await signedIn(h.rt.url!, 'sys.admin');
    expect((await sys.get('/inbox/admin/queues/')).status).toBe(200);
    expect((await sys.get('/inbox/admin/queues/api/queues')).status).toBe(200);
    const opened = await listAudit(h.t.db, 'installation', 'queue-dashboard');
    expect(opened.map((a) => [a.actor, a.action])).toEqual([[`user:${users.sys.id}`, 'queue_dashboard.opened']]);
  });
  // Last: the 60 guesses also use up this test client's address (the per-IP limit).
  it('counts guesses sent in parallel: 60 at once, only the limit is checked', async () => {
    const tries = await Promise.all(
      Array.from({ length: 60 }, () => new Client(h.rt.url!).login('admin.hn', 'đoán-mò-mật-khẩu')),
    );
    const statuses = tries.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    // Even the right password waits now.
    expect((await new Client(h.rt.url!).login('admin.hn', PASSWORD)).status).toBe(429);
  });
});
