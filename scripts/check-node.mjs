// Run by npm before `start` and `test`: an older Node would fail later with a stack trace
// (TypeScript is run by Node's own type stripping, from 22.18 on). Plain JS on purpose.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Công Bộc needs Node.js 22.18 or newer (24 recommended); this is ${process.version}. Install it, or: npm install --prefix .tools --no-save node@24 && export PATH="$PWD/.tools/node_modules/.bin:$PATH"`,
  );
  process.exit(1);
}
