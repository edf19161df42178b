/**
 * PostgreSQL regular expressions that find a citizen's name and phone in free text, however
 * the phone was typed (spaces, dots, dashes, +84 or 84 or 0).
 */
export function personalDataPatterns(secrets: { names: readonly string[]; phones: readonly string[] }): string[] {
  const names = secrets.names.map((n) => n.trim()).filter((n) => n.length > 1).map(escapeRegex);
  const phones = secrets.phones.map(phonePattern).filter((p): p is string => p !== null);
  return [...new Set([...names, ...phones])];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "0912345678" → a pattern for 0912 345 678, 0912.345.678, +84 912 345 678, 84912345678. */
function phonePattern(phone: string): string | null {
  const digits = phone.replace(/\D/g, '').replace(/^(84|0)/, '');
  if (digits.length < 6) return null;
  return `(\\+?84|0)${[...digits].map((d) => `[\\s.-]*${d}`).join('')}`;
}
