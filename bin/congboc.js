#!/usr/bin/env node
// The CLI is written in TypeScript and run by Node's built-in type stripping (Node >= 22.18).
// npm links this file as `congboc` (npx, node_modules/.bin), so it starts the CLI itself
// rather than leaving it to guess from the script's name.
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.slice(2));
