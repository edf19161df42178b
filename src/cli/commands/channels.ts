import { parseArgs } from 'node:util';
import { deactivateAccount, formatScope, listAccounts, parseScope, upsertAccount } from '../../accounts/index.ts';
import type { Platform } from '../../channels/types.ts';
import { loadConfig } from '../../config.ts';
import { migrate, openDatabase } from '../../db/index.ts';

export const summary = 'manage Zalo OAs and Facebook Pages: add | list | remove';

const USAGE = `usage:
  congboc channels add <zalo|messenger> <oa-or-page-id> --scope commune:<code>|province:<code>
                       [--name NAME] [--access-token T] [--refresh-token T] [--expires-in SECONDS]
  congboc channels list
  congboc channels remove <zalo|messenger> <oa-or-page-id>`;

function platformOf(text: string | undefined): Platform {
  if (text === 'zalo' || text === 'messenger') return text;
  throw new Error(`platform must be zalo or messenger\n${USAGE}`);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scope: { type: 'string' },
      name: { type: 'string' },
      'access-token': { type: 'string' },
      'refresh-token': { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const [action, platformArg, externalId] = positionals;
  const cfg = loadConfig();
  const db = await openDatabase({ url: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR });
  try {
    await migrate(db);
    switch (action) {
      case 'add': {
        if (!externalId || !values.scope) throw new Error(USAGE);
        const expiresIn = values['expires-in'] ? Number(values['expires-in']) : undefined;
        const account = await upsertAccount(db, {
          platform: platformOf(platformArg),
          externalId,
          scope: parseScope(values.scope),
          name: values.name ?? null,
          accessToken: values['access-token'] ?? null,
          refreshToken: values['refresh-token'] ?? null,
          tokenExpiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
        });
        process.stdout.write(`${JSON.stringify(describe(account))}\n`);
        return 0;
      }
      case 'list': {
        for (const a of await listAccounts(db)) process.stdout.write(`${JSON.stringify(describe(a))}\n`);
        return 0;
      }
      case 'remove': {
        if (!externalId) throw new Error(USAGE);
        const removed = await deactivateAccount(db, platformOf(platformArg), externalId);
        process.stderr.write(removed ? 'removed\n' : 'no such active account\n');
        return removed ? 0 : 1;
      }
      default:
        process.stderr.write(`${USAGE}\n`);
        return 2;
    }
  } finally {
    await db.close();
  }
}

/** Tokens are never printed: a terminal's scrollback is not a secret store. */
function describe(a: Awaited<ReturnType<typeof listAccounts>>[number]) {
  return {
    platform: a.platform,
    id: a.externalId,
    scope: formatScope(a.scope),
    name: a.name,
    has_token: a.accessToken !== null,
    token_expires_at: a.tokenExpiresAt?.toISOString() ?? null,
  };
}
