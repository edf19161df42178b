import type { Queryable } from '../db/index.ts';
import type { Locale } from '../i18n/index.ts';
import { scopeName } from './compute.ts';
import type { DigestScope } from './types.ts';

export interface DigestRecipient {
  readonly id: string;
  readonly scope: DigestScope;
  readonly email: string;
  readonly name: string;
  readonly locale: Locale;
  readonly active: boolean;
}

export class InvalidRecipient extends Error {
  override name = 'InvalidRecipient';
}

// Deliberately loose: the SMTP server is the judge of an address; this only stops typos
// such as a missing "@" or a pasted space from being stored.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

interface RecipientRow {
  id: string;
  scope_kind: 'commune' | 'province';
  scope_code: string;
  email: string;
  name: string;
  locale: Locale;
  active: boolean;
}

const COLUMNS = 'id::text AS id, scope_kind, scope_code, email, name, locale, active';

function toRecipient(r: RecipientRow): DigestRecipient {
  return {
    id: r.id,
    scope: { kind: r.scope_kind, code: r.scope_code },
    email: r.email,
    name: r.name,
    locale: r.locale,
    active: r.active,
  };
}

/** Adds a recipient to a unit's digest, or updates and re-activates the same address. */
export async function addRecipient(
  db: Queryable,
  r: { scope: DigestScope; email: string; name?: string; locale?: Locale },
): Promise<DigestRecipient> {
  scopeName(r.scope);
  const email = r.email.trim();
  if (!EMAIL.test(email)) throw new InvalidRecipient(`"${r.email}" is not an e-mail address`);
  const rows = await db.query<RecipientRow>(
    `INSERT INTO digest_recipients (scope_kind, scope_code, email, name, locale)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (scope_kind, scope_code, lower(email))
     DO UPDATE SET name = EXCLUDED.name, locale = EXCLUDED.locale, active = true, updated_at = now()
     RETURNING ${COLUMNS}`,
    [r.scope.kind, r.scope.code, email, (r.name ?? '').trim(), r.locale ?? 'vi'],
  );
  return toRecipient(rows[0]!);
}

/** Recipients of one unit (or of every unit), active ones only unless asked. */
export async function listRecipients(
  db: Queryable,
  q: { scope?: DigestScope; includeInactive?: boolean } = {},
): Promise<DigestRecipient[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.scope) {
    params.push(q.scope.kind, q.scope.code);
    where.push('scope_kind = $1 AND scope_code = $2');
  }
  if (!q.includeInactive) where.push('active');
  const rows = await db.query<RecipientRow>(
    `SELECT ${COLUMNS} FROM digest_recipients ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY scope_kind, scope_code, lower(email)`,
    params,
  );
  return rows.map(toRecipient);
}

/** Stops (or resumes) a recipient's digests; false when there is no such address for the unit. */
export async function setRecipientActive(
  db: Queryable,
  scope: DigestScope,
  email: string,
  active: boolean,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE digest_recipients SET active = $4, updated_at = now()
     WHERE scope_kind = $1 AND scope_code = $2 AND lower(email) = lower($3) RETURNING id`,
    [scope.kind, scope.code, email.trim(), active],
  );
  return rows.length > 0;
}

/** Every unit with at least one active recipient: the units a weekly run sends to. */
export async function scopesWithRecipients(db: Queryable): Promise<DigestScope[]> {
  const rows = await db.query<{ scope_kind: 'commune' | 'province'; scope_code: string }>(
    `SELECT DISTINCT scope_kind, scope_code FROM digest_recipients WHERE active ORDER BY scope_kind, scope_code`,
  );
  return rows.map((r) => ({ kind: r.scope_kind, code: r.scope_code }));
}
