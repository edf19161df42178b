import { existsSync } from 'node:fs';

/** Debian's chromium (apt-get install chromium); tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether the browser tests can run. Without Chromium they are skipped, saying why; with
 * CI=true a missing browser fails the run instead (a skipped browser test is no pass).
 */
export function chromiumAvailable(test: string, path: string = CHROMIUM, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(path)) return true;
  const why = `${test}: skipped, no Chromium at ${path} (apt-get install chromium; a browser is never downloaded)`;
  if (env.CI === 'true') throw new Error(`${why}; CI=true requires it`);
  console.warn(why);
  return false;
}
