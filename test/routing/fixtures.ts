import { randomBytes } from 'node:crypto';
import { type CaseRecord, createCase, type NewCase } from '../../src/cases/index.ts';
import type { Database } from '../../src/db/index.ts';

/** Communes of the current directory used across these tests. */
export const AN_HOI_TAY = { code: '26882', province: '79' } as const;
export const THUC_PHAN = { code: '01273', province: '04' } as const;
export const NUNG_TRI_CAO = { code: '01279', province: '04' } as const;

/** A channel account and one citizen's conversation on it; `lastInboundAt` drives window rules. */
export async function conversation(
  db: Database,
  opts: { platform?: 'zalo' | 'messenger' | 'local'; lastInboundAt?: Date | null; locale?: 'vi' | 'en' } = {},
): Promise<string> {
  const [acc] = await db.query<{ id: string }>(
    `INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code) VALUES ($1, $2, 'commune', $3)
     RETURNING id::text AS id`,
    [opts.platform ?? 'zalo', `acc-${randomBytes(4).toString('hex')}`, AN_HOI_TAY.code],
  );
  const [conv] = await db.query<{ id: string }>(
    `INSERT INTO conversations (channel_account_id, user_ref, locale, last_inbound_at) VALUES ($1, $2, $3, $4)
     RETURNING id::text AS id`,
    [acc!.id, `user-${randomBytes(4).toString('hex')}`, opts.locale ?? 'vi', opts.lastInboundAt ?? null],
  );
  return conv!.id;
}

export async function consent(db: Database, conversationId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO consents (conversation_id, purpose, granted, wording, locale) VALUES ($1, 'contact', true, 'Đồng ý', 'vi')
     RETURNING id::text AS id`,
    [conversationId],
  );
  return row!.id;
}

export function caseInput(conversationId: string, over: Partial<NewCase> = {}): NewCase {
  return {
    kind: 'feedback',
    conversationId,
    locale: 'vi',
    receivedAt: new Date('2026-11-23T03:00:00Z'),
    dueDate: '2026-12-07',
    communeCode: AN_HOI_TAY.code,
    provinceCode: AN_HOI_TAY.province,
    placeText: 'phường An Hội Tây',
    routedTo: { kind: 'commune', code: AN_HOI_TAY.code },
    classification: {
      label: 'cua_quyen',
      labels: ['cua_quyen'],
      confidence: 0.9,
      targetsLeader: false,
      needsReview: false,
    },
    description: 'Cán bộ bắt đi lại 4 lần',
    occurredText: null,
    officialText: null,
    reporter: { kind: 'anonymous' },
    identityProtected: false,
    attachments: [],
    ...over,
  };
}

export async function newCase(db: Database, conversationId: string, over: Partial<NewCase> = {}): Promise<CaseRecord> {
  return db.transaction((tx) => createCase(tx, caseInput(conversationId, over)));
}
