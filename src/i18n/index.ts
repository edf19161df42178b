import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Message catalogues: locales/<lang>/<namespace>.json. A key is "<namespace>.<path.in.file>".
 * Vietnamese is the default and the reference; English must be complete (a test checks it).
 */

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

type Catalogue = ReadonlyMap<string, string>;

const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'locales');
let catalogues: Record<Locale, Catalogue> | undefined;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function loadCatalogue(locale: Locale, dir: string = LOCALES_DIR): Catalogue {
  const out = new Map<string, string>();
  const langDir = join(dir, locale);
  for (const file of readdirSync(langDir).filter((f) => f.endsWith('.json')).sort()) {
    const ns = basename(file, '.json');
    flatten(JSON.parse(readFileSync(join(langDir, file), 'utf8')), ns, out);
  }
  return out;
}

function flatten(node: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof node === 'string') {
    out.set(prefix, node.normalize('NFC'));
  } else if (Array.isArray(node)) {
    out.set(prefix, node.join('\n').normalize('NFC'));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) flatten(v, `${prefix}.${k}`, out);
  }
}

function all(): Record<Locale, Catalogue> {
  catalogues ??= { vi: loadCatalogue('vi'), en: loadCatalogue('en') };
  return catalogues;
}

export class MissingTranslation extends Error {
  override name = 'MissingTranslation';
}

/** Translates `key`, filling `{name}` placeholders from `vars`. A missing key is a bug: it throws. */
export function t(locale: Locale, key: string, vars: Readonly<Record<string, string | number>> = {}): string {
  const text = all()[locale].get(key) ?? all()[DEFAULT_LOCALE].get(key);
  if (text === undefined) throw new MissingTranslation(`no text for "${key}" in locales/${locale}`);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function hasKey(locale: Locale, key: string): boolean {
  return all()[locale].has(key);
}

/** Every key of a locale, for completeness checks. */
export function keysOf(locale: Locale): string[] {
  return [...all()[locale].keys()];
}
