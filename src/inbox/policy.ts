import { getCommune } from '../directory/index.ts';
import type { Role, User } from '../users/index.ts';

/**
 * Who may see and do what. Scoping is decided here once and used both for single-case
 * checks and, through `visibleCasesSql`, for every list query, so the two cannot disagree.
 *
 * - commune roles see the cases routed to their commune;
 * - a province officer sees the cases of their province's communes and those escalated to
 *   the province (routed_to_kind = 'province');
 * - an admin sees by their scope like the others but never acts on a case, and administers
 *   accounts and channels only inside it; the system admin runs the installation (the queue
 *   dashboard, every unit's accounts) and reads no case;
 * - the handling unit is the unit a case is routed to: only its staff act, and only they see
 *   the reporter of a protected denunciation (Luật Tố cáo Điều 56) — not even its admins.
 */

export interface CaseScopeFacts {
  readonly routedTo: { readonly kind: 'commune' | 'province'; readonly code: string };
  readonly provinceCode: string | null;
  /** The commune the case is about, when known (the accused unit of a protected case sent above it). */
  readonly communeCode?: string | null;
  readonly identityProtected: boolean;
}

export function canViewCase(user: User, c: CaseScopeFacts): boolean {
  // The installation's administrator runs the system; citizens' cases are not theirs to read.
  if (user.role === 'system_admin') return false;
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

/** Internal notes are the handling team's working papers: nobody outside it reads them. */
export function canReadNotes(user: User, c: CaseScopeFacts): boolean {
  return inHandlingTeam(user, c);
}

/** A unit of the administration: a commune or a province. */
export type Unit = CaseScopeFacts['routedTo'];

const sameUnit = (a: Unit, b: Unit) => a.kind === b.kind && a.code === b.code;

/**
 * What the rules look at for a conversation with a citizen. The channel account's unit counts
 * only while the conversation has produced no case: after that it belongs to its cases.
 */
export interface ConversationScopeFacts {
  /** The unit owning the OA or Page the citizen wrote to. */
  readonly channelUnit: Unit;
  /** Every case the conversation produced, as they stand now (current handling unit). */
  readonly cases: readonly CaseScopeFacts[];
  /** The citizen's draft has read as a denunciation at some point (conversations.reporter_guard). */
  readonly reporterGuard?: boolean;
}

/**
 * The units whose handling team speaks with the citizen of a conversation:
 * - once any of its cases protects the reporter, only the handling units of the protected
 *   cases (the accused unit, even when it owns the channel, loses the conversation, its
 *   messages, its events and its hand-off requests);
 * - else the handling units of its cases;
 * - with no case yet, the channel's unit.
 * An accused commune (accusedUnits) never handles or reads the conversation, even through
 * another case of the same citizen that it does handle; when that leaves nobody, the province
 * above it does.
 */
export function conversationHandlers(f: ConversationScopeFacts): Unit[] {
  const accused = accusedUnits(f);
  const guarded = f.cases.filter((c) => c.identityProtected);
  const units = (guarded.length ? guarded : f.cases).map((c) => c.routedTo).filter((u) => !accused.some((a) => sameUnit(a, u)));
  if (units.length === 0) {
    // Nobody left who may answer: the province above the accused commune takes the chat.
    const province = accused[0] ? getCommune(accused[0].code)?.provinceCode : undefined;
    units.push(province ? { kind: 'province', code: province } : f.channelUnit);
  }
  return units.filter((u, i) => units.findIndex((v) => sameUnit(u, v)) === i);
}

/**
 * The communes a conversation may accuse: the commune of each protected case sent above it,
 * and the channel's commune once the citizen's words have read as a denunciation.
 */
function accusedUnits(f: ConversationScopeFacts): Unit[] {
  const accused: Unit[] = f.cases.flatMap((c) =>
    c.identityProtected && c.routedTo.kind === 'province' && c.communeCode ? [{ kind: 'commune' as const, code: c.communeCode }] : [],
  );
  if (f.reporterGuard && f.channelUnit.kind === 'commune') accused.push(f.channelUnit);
  return accused;
}

/** Read the chat, write to the citizen, end a hand-off. */
export function canActOnConversation(user: User, f: ConversationScopeFacts): boolean {
  return ACTORS.has(user.role) && conversationHandlers(f).some((u) => sameUnit(u, user.scope));
}

/**
 * Read the chat (the case page's conversation): its handlers, and while no case in it
 * protects a reporter, whoever oversees one of its cases. A chat can name a protected
 * reporter (shared contact, signature), so then only the protected cases' handlers read it.
 */
export function canReadConversation(user: User, f: ConversationScopeFacts): boolean {
  if (canActOnConversation(user, f)) return true;
  if (f.cases.some((c) => c.identityProtected) || accusedUnits(f).some((u) => sameUnit(u, user.scope))) return false;
  return f.cases.some((c) => canViewCase(user, c));
}

export function canManageCanned(user: User): boolean {
  return LEADERS.has(user.role);
}

/** Administers accounts and channels: a unit's administrator or the installation's. */
export function isAdmin(user: User): boolean {
  return user.role === 'admin' || user.role === 'system_admin';
}

/** Runs the installation: the queue dashboard, the accounts and channels of every unit. */
export function isSystemAdmin(user: User): boolean {
  return user.role === 'system_admin';
}

/**
 * Whether an administrator's reach covers a unit: a system administrator everywhere; a
 * province's administrator the province and its communes; a commune's administrator the commune.
 */
export function administers(user: User, unit: Unit): boolean {
  if (isSystemAdmin(user)) return true;
  if (user.role !== 'admin') return false;
  if (sameUnit(user.scope, unit)) return true;
  return user.scope.kind === 'province' && unit.kind === 'commune' && getCommune(unit.code)?.provinceCode === user.scope.code;
}

/**
 * Whether an administrator may create, change or disable this account (or one like it): inside
 * their reach, and never an account that outranks them (only the installation makes its own).
 */
export function canManageAccount(user: User, target: { readonly role: Role; readonly scope: Unit }): boolean {
  if (target.role === 'system_admin') return isSystemAdmin(user);
  return administers(user, target.scope);
}

/**
 * The WHERE condition of `canViewCase` over a `cases` row aliased `c`; pushes its parameters
 * onto `params` so it can sit in any query.
 */
export function visibleCasesSql(user: User, params: unknown[]): string {
  if (user.role === 'system_admin') return 'false';
  params.push(user.scope.code);
  const p = `$${params.length}`;
  if (user.scope.kind === 'commune') return `(c.routed_to_kind = 'commune' AND c.routed_to_code = ${p})`;
  return `(c.province_code = ${p} OR (c.routed_to_kind = 'province' AND c.routed_to_code = ${p}))`;
}
