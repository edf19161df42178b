import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseScope } from '../../accounts/index.ts';
import { loadConfig } from '../../config.ts';
import { recordAudit } from '../../cases/index.ts';
import { type Database, migrate, openDatabase } from '../../db/index.ts';
import {
  createUser,
  findUserForLogin,
  isRole,
  listUsers,
  ROLES,
  setEmail,
  setPassword,
  setUserActive,
  type User,
} from '../../users/index.ts';

export const summary = 'manage staff accounts of the inbox: add | list | disable | enable | passwd | email';

const USAGE = `usage:
  congboc users add --username NAME --role ${ROLES.join('|')} --scope commune:<code>|province:<code>
                    [--name "Display name"] [--locale vi|en] [--email ADDRESS] [--password-stdin]
  congboc users list
  congboc users disable <username>
  congboc users enable <username>
  congboc users passwd <username> [--password-stdin]
  congboc users email <username> [ADDRESS]      (without ADDRESS: no e-mail)
Without --password-stdin a random password is generated and printed once.
With an e-mail address, deadline reminders, escalations and overdue notices are also mailed (SMTP_URL).`;

function describe(u: User) {
  return {
    id: u.id,
    username: u.username,
    name: u.displayName,
    role: u.role,
    scope: `${u.scope.kind}:${u.scope.code}`,
    email: u.email,
    active: u.active,
  };
}

async function readPassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return { password: Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, ''), generated: false };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const [action, target, address] = positionals;
  if (!action || !['add', 'list', 'disable', 'enable', 'passwd', 'email'].includes(action)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const cfg = loadConfig();
  const db = await openDatabase({ url: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR });
  try {
    await migrate(db);
    return await perform(db, action, target, { ...values, address });
  } finally {
    await db.close();
  }
}

/** Every change to an account is on the audit trail; from here the actor is the command line. */
function audit(db: Database, action: string, userId: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, { actor: 'cli', action, entity: 'user', entityId: userId, details, at: new Date() });
}

async function perform(
  db: Database,
  action: string,
  target: string | undefined,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
  switch (action) {
    case 'add': {
      const { username, role, scope, name, locale, email } = values as Record<string, string | undefined>;
      if (!username || !role || !scope) throw new Error(USAGE);
      if (!isRole(role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
      const { password, generated } = await readPassword(values['password-stdin'] === true);
      const user = await createUser(db, {
        username,
        displayName: name ?? username,
        role,
        scope: parseScope(scope),
        password,
        locale: locale === 'en' ? 'en' : 'vi',
        email: email ?? null,
        // Whoever ran the command knows this password: its owner replaces it at the first sign-in.
        mustChangePassword: true,
      });
      await audit(db, 'user.created', user.id, { role: user.role, scope: user.scope });
      out({ ...describe(user), ...(generated ? { password } : {}) });
      return 0;
    }
    case 'list':
      for (const u of await listUsers(db)) out(describe(u));
      return 0;
    case 'disable':
    case 'enable':
    case 'passwd':
    case 'email': {
      if (!target) throw new Error(USAGE);
      const found = await findUserForLogin(db, target);
      if (!found) {
        process.stderr.write(`no user "${target}"\n`);
        return 1;
      }
      if (action === 'email') {
        const address = typeof values.address === 'string' ? values.address : null;
        out(describe((await setEmail(db, found.user.id, address))!));
        await audit(db, 'user.email_changed', found.user.id, {});
        return 0;
      }
      if (action === 'passwd') {
        const { password, generated } = await readPassword(values['password-stdin'] === true);
        await setPassword(db, found.user.id, password, { chosenByOwner: false });
        await audit(db, 'user.password_reset', found.user.id, {});
        out({ ...describe(found.user), ...(generated ? { password } : {}) });
        return 0;
      }
      const user = await setUserActive(db, found.user.id, action === 'enable');
      await audit(db, action === 'enable' ? 'user.enabled' : 'user.disabled', found.user.id, {});
      out(describe(user!));
      return 0;
    }
  }
  return 2;
}
