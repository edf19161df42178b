// The npm registry mirror of this workplace lacks some platform-specific optional packages
// (biome's and msgpackr-extract's binaries for other systems). `npm install` skips them, but
// `npm ci` then finds package.json and the lock out of sync. This adds lock entries for the
// missing ones, marked optional with their os/cpu, so `npm ci` validates and never fetches
// them on a platform they are not for. Run after any `npm install` that changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const where = `${path ? `${path}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (pkgs[where] || pkgs[hoisted]) continue;
    const platform = /-(android|darwin|linux|win32|freebsd)-(arm64|x64|arm|ia32)(?:-(musl|gnu))?$/.exec(name);
    if (!platform) continue;
    const [, os, cpu, libc] = platform;
    pkgs[hoisted] = {
      version: String(range).replace(/^[\^~=]/, ''),
      cpu: [cpu],
      ...(libc ? { libc: [libc] } : {}),
      license: meta.license ?? 'MIT',
      optional: true,
      os: [os],
    };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries`);
