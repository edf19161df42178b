/**
 * What a staff account may do; the inbox turns roles into permissions (src/inbox/policy.ts).
 * `admin` administers one unit (its accounts and channels); `system_admin` runs the
 * installation (every unit's accounts, the queue dashboard).
 */
export const ROLES = ['commune_staff', 'commune_leader', 'province_officer', 'admin', 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The unit a user works for. Commune roles need a commune; a province officer a province. */
export type UserScope =
  | { readonly kind: 'commune'; readonly code: string }
  | { readonly kind: 'province'; readonly code: string };

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: UserScope;
  readonly locale: 'vi' | 'en';
  /** Where deadline notices are copied by e-mail; null: the inbox only. */
  readonly email: string | null;
  readonly active: boolean;
  /** Signed in with a password someone else chose: nothing but changing it until it is changed. */
  readonly mustChangePassword: boolean;
  readonly createdAt: Date;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: UserScope;
  readonly password: string;
  readonly locale?: 'vi' | 'en';
  readonly email?: string | null;
  /** The password was chosen for them (CLI, an administrator): changed at the first sign-in. */
  readonly mustChangePassword?: boolean;
}

export class InvalidUser extends Error {
  override name = 'InvalidUser';
}

/** The scope kind each role requires; admins may be attached to either. */
export function scopeFits(role: Role, scope: UserScope): boolean {
  if (role === 'commune_staff' || role === 'commune_leader') return scope.kind === 'commune';
  if (role === 'province_officer') return scope.kind === 'province';
  return true;
}

/** The same rule as the database's check: one @, a dot in the domain, no spaces. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An optional e-mail address as typed: blank means none; a malformed one is refused. */
export function parseEmail(value: unknown): string | null {
  const email = typeof value === 'string' ? value.trim() : '';
  if (!email) return null;
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw new InvalidUser('e-mail address is not valid');
  return email;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

/** Whether a (normalised) name is one an account can have. */
export function isUsername(name: string): boolean {
  return USERNAME_PATTERN.test(name);
}
export const MIN_PASSWORD_LENGTH = 10;
