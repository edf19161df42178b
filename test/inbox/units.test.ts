import { describe, expect, it } from 'vitest';
import { apiRouter } from '../../src/inbox/api.ts';
import { replyWindow } from '../../src/inbox/case-view.ts';
import { parseQueueFilter } from '../../src/inbox/filters.ts';
import { escapeHtml, html, openApiDocument } from '../../src/inbox/index.ts';
import { patchFromForm } from '../../src/inbox/letters.ts';
import { canActOnCase, canDecideOnCase, canSeeReporter, canViewCase } from '../../src/inbox/policy.ts';
import { vietnamToday } from '../../src/inbox/today.ts';
import type { User } from '../../src/users/index.ts';

describe('html templates', () => {
  it('escapes every interpolation unless it is already a template', () => {
    const name = '<script>alert("x")</script>&\'';
    const out = html`<p title="${name}">${name}${html`<b>${name}</b>`}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;' +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</b></p>',
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
    expect(html`${null}${undefined}${false}${[1, '<', html`<i></i>`]}`.value).toBe('1&lt;<i></i>');
  });
});

const user = (role: User['role'], kind: 'commune' | 'province', code: string): User => ({
  id: '1',
  username: 'u',
  displayName: 'U',
  role,
  scope: { kind, code },
  locale: 'vi',
  email: null,
  active: true,
  mustChangePassword: false,
  createdAt: new Date(),
});

describe('policy', () => {
  const communeCase = { routedTo: { kind: 'commune' as const, code: '00004' }, provinceCode: '01', identityProtected: false };
  const escalated = { routedTo: { kind: 'province' as const, code: '01' }, provinceCode: '01', identityProtected: true };

  it('gives each role its scope and only the handling team the right to act', () => {
    const staff = user('commune_staff', 'commune', '00004');
    const leader = user('commune_leader', 'commune', '00004');
    const officer = user('province_officer', 'province', '01');
    const admin = user('admin', 'province', '01');
    expect([staff, leader, officer, admin].map((u) => canViewCase(u, communeCase))).toEqual([true, true, true, true]);
    expect([staff, leader, officer, admin].map((u) => canViewCase(u, escalated))).toEqual([false, false, true, true]);
    expect([staff, leader, officer, admin].map((u) => canActOnCase(u, communeCase))).toEqual([true, true, false, false]);
    expect([staff, leader, officer, admin].map((u) => canDecideOnCase(u, communeCase))).toEqual([false, true, false, false]);
    expect([officer, admin].map((u) => canSeeReporter(u, escalated))).toEqual([true, false]);
    expect(canViewCase(user('commune_staff', 'commune', '00008'), communeCase)).toBe(false);
    expect(canViewCase(user('province_officer', 'province', '04'), communeCase)).toBe(false);
  });
});

describe('reply window', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const ago = (h: number) => new Date(now.getTime() - h * 3600_000);
  it('follows Messenger 24 h / 7 d HUMAN_AGENT and Zalo 7 d, and offers a phone only past every window', () => {
    expect(replyWindow('messenger', ago(23), now, '09').state).toBe('open');
    expect(replyWindow('messenger', ago(25), now, '09').state).toBe('human_agent');
    expect(replyWindow('messenger', ago(24 * 7 + 1), now, '09')).toEqual({
      state: 'closed',
      reason: 'messenger_window_closed',
      phone: '09',
    });
    expect(replyWindow('zalo', ago(24 * 6), now, null).state).toBe('open');
    expect(replyWindow('zalo', ago(24 * 7 + 1), now, null)).toEqual({ state: 'closed', reason: 'zalo_window_closed', phone: null });
    expect(replyWindow('messenger', null, now, null)).toMatchObject({ state: 'closed', reason: 'never_wrote' });
    expect(replyWindow('local', null, now, null).state).toBe('open');
  });
});

describe('queue filters', () => {
  it('parses what the form sends and refuses the rest', () => {
    expect(parseQueueFilter({ status: '', label: 'ung_xu', overdue: '1', assigned: 'me' })).toEqual({
      status: 'open',
      label: 'ung_xu',
      topic: null,
      dueBefore: null,
      overdueOnly: true,
      channel: null,
      assigned: 'me',
      limit: 200,
    });
    expect(() => parseQueueFilter({ assigned: "1' OR 1=1" })).toThrow(/assigned/);
    expect(() => parseQueueFilter({ limit: '100000' })).toThrow(/limit/);
    expect(() => parseQueueFilter({ topic: 'not_a_field' })).toThrow(/topic/);
  });

  it('knows Vietnam’s date across UTC midnight', () => {
    expect(vietnamToday(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vietnamToday(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});

describe('letter form', () => {
  it('turns the flat form into a patch, leaving empty inputs out', () => {
    expect(
      patchFromForm(
        { reason: ' trễ ', newDate: '', recipientName: 'Lê Thị B', recipientHonorific: 'ba', signerName: 'Trần Văn C' },
        { signer: { title: 'CHỦ TỊCH', name: 'cũ' } },
      ),
    ).toEqual({
      reason: 'trễ',
      recipient: { kind: 'person', honorific: 'ba', name: 'Lê Thị B' },
      signer: { title: 'CHỦ TỊCH', name: 'Trần Văn C' },
    });
  });
});

/** Every route of the API router, as "METHOD /api/path/{param}". */
function routesOf(): string[] {
  const out: string[] = [];
  const walk = (stack: unknown[], prefix: string) => {
    for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] }; matchers?: unknown }[]) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) {
          out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}'));
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}/admin`);
      }
    }
  };
  const router = apiRouter({} as never) as unknown as { stack: unknown[] };
  walk(router.stack, '/api');
  return out.sort();
}

describe('OpenAPI document', () => {
  it('describes exactly the routes the API serves', () => {
    const doc = openApiDocument();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(routesOf());
  });
});
