import type { RouteTarget } from '../cases/index.ts';
import type { Queryable } from '../db/index.ts';
import type { DeadlineKind } from '../deadlines/index.ts';
import { type CaseScopeFacts, canDecideOnCase, inHandlingTeam } from '../inbox/index.ts';
import { getUser, type User } from '../users/index.ts';

/**
 * Who is told about a deadline, decided with the inbox's own scoping rules so a notice can
 * never reach someone the inbox would not let act on the case:
 *
 * - reminder: the assigned staff member; when nobody (or nobody still on the team) is
 *   assigned, the whole team of the handling unit;
 * - escalation: the leaders of the handling unit (commune leaders, or province officers for a
 *   case routed to the province);
 * - overdue: the reminder's recipients and the leaders.
 *
 * Only active accounts count; administrators are never a case's team.
 */
export async function noticeRecipients(
  db: Queryable,
  kind: DeadlineKind,
  c: { readonly caseId: string; readonly routedTo: RouteTarget },
): Promise<User[]> {
  // The handling unit is all the rules below look at; the reporter's protection only narrows
  // who sees the reporter, and a notice never carries the reporter.
  const facts: CaseScopeFacts = { routedTo: c.routedTo, provinceCode: null, identityProtected: true };
  const unit = await unitMembers(db, c.routedTo);
  const team = unit.filter((u) => inHandlingTeam(u, facts));
  const leaders = unit.filter((u) => canDecideOnCase(u, facts));
  const handlers = async () => {
    const assignee = await assigneeOf(db, c.caseId);
    return assignee?.active && inHandlingTeam(assignee, facts) ? [assignee] : team;
  };
  if (kind === 'reminder') return handlers();
  if (kind === 'escalation') return leaders;
  return unique([...(await handlers()), ...leaders]);
}

async function unitMembers(db: Queryable, unit: RouteTarget): Promise<User[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM users WHERE active AND scope_kind = $1 AND scope_code = $2 AND role <> 'admin' ORDER BY id`,
    [unit.kind, unit.code],
  );
  const users = await Promise.all(rows.map((r) => getUser(db, r.id)));
  return users.filter((u): u is User => u !== null);
}

async function assigneeOf(db: Queryable, caseId: string): Promise<User | null> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id::text AS user_id FROM case_assignments WHERE case_id = $1', [caseId]);
  return rows[0] ? getUser(db, rows[0].user_id) : null;
}

function unique(users: readonly User[]): User[] {
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.id) && seen.add(u.id));
}
