import type { Role, User } from '../users/index.ts';

/**
 * Who may see and do what. Scoping is decided here once and used both for single-case
 * checks and, through `visibleCasesSql`, for every list query, so the two cannot disagree.
 *
 * - commune roles see the cases routed to their commune;
 * - a province officer sees the cases of their province's communes and those escalated to
 *   the province (routed_to_kind = 'province');
 * - an admin sees by their scope like the others but never acts on a case;
 * - the handling unit is the unit a case is routed to: only its staff act, and only they see
 *   the reporter of a protected denunciation (Luật Tố cáo Điều 56) — not even its admins.
 */

export interface CaseScopeFacts {
  readonly routedTo: { readonly kind: 'commune' | 'province'; readonly code: string };
  readonly provinceCode: string | null;
  readonly identityProtected: boolean;
}

export function canViewCase(user: User, c: CaseScopeFacts): boolean {
  if (user.scope.kind === 'commune') return c.routedTo.kind === 'commune' && c.routedTo.code === user.scope.code;
  return c.provinceCode === user.scope.code || (c.routedTo.kind === 'province' && c.routedTo.code === user.scope.code);
}

export function isHandlingUnit(user: User, c: CaseScopeFacts): boolean {
  return c.routedTo.kind === user.scope.kind && c.routedTo.code === user.scope.code;
}

const ACTORS: ReadonlySet<Role> = new Set(['commune_staff', 'commune_leader', 'province_officer']);
const LEADERS: ReadonlySet<Role> = new Set(['commune_leader', 'province_officer']);

/** Reply, notes, status, assignment, label correction, transfer, letter drafts. */
export function canActOnCase(user: User, c: CaseScopeFacts): boolean {
  return inHandlingTeam(user, c);
}

/** Decisions that bind the unit: extending a deadline, signing a letter. */
export function canDecideOnCase(user: User, c: CaseScopeFacts): boolean {
  return LEADERS.has(user.role) && isHandlingUnit(user, c);
}

/** Staff of the handling unit (not its administrators): who handles, and who may know the reporter. */
export function inHandlingTeam(user: User, c: CaseScopeFacts): boolean {
  return ACTORS.has(user.role) && isHandlingUnit(user, c);
}

export function canSeeReporter(user: User, c: CaseScopeFacts): boolean {
  return canViewCase(user, c) && (!c.identityProtected || inHandlingTeam(user, c));
}

/** A protected reporter's conversation can name them (shared contact, signature). */
export function canReadConversation(user: User, c: CaseScopeFacts): boolean {
  return canSeeReporter(user, c);
}

export function canManageCanned(user: User): boolean {
  return LEADERS.has(user.role);
}

export function isAdmin(user: User): boolean {
  return user.role === 'admin';
}

/**
 * The WHERE condition of `canViewCase` over a `cases` row aliased `c`; pushes its parameters
 * onto `params` so it can sit in any query.
 */
export function visibleCasesSql(user: User, params: unknown[]): string {
  params.push(user.scope.code);
  const p = `$${params.length}`;
  if (user.scope.kind === 'commune') return `(c.routed_to_kind = 'commune' AND c.routed_to_code = ${p})`;
  return `(c.province_code = ${p} OR (c.routed_to_kind = 'province' AND c.routed_to_code = ${p}))`;
}
