/** What a staff account may do; the inbox turns roles into permissions (src/inbox/policy.ts). */
export const ROLES = ['commune_staff', 'commune_leader', 'province_officer', 'admin'] as const;
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
  readonly active: boolean;
  readonly createdAt: Date;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: UserScope;
  readonly password: string;
  readonly locale?: 'vi' | 'en';
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

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;
