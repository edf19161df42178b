/** Who owns a channel account: a commune, or a province (for escalated and provincial pages). */
export type AccountScope =
  | { readonly kind: 'commune'; readonly code: string }
  | { readonly kind: 'province'; readonly code: string };

export class InvalidScope extends Error {
  override name = 'InvalidScope';
}

/** Parses `commune:<code>` or `province:<code>` as written in the environment and the CLI. */
export function parseScope(text: string): AccountScope {
  const m = /^(commune|province):([0-9]{2,5})$/.exec(text.trim());
  if (!m) throw new InvalidScope(`scope must look like commune:<code> or province:<code>, got "${text}"`);
  return { kind: m[1] as AccountScope['kind'], code: m[2]! };
}

export function formatScope(scope: AccountScope): string {
  return `${scope.kind}:${scope.code}`;
}
