import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(() => t.drop());

  it('creates the core tables', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['channel_accounts', 'conversations', 'messages', 'consents', 'schema_migrations']),
    );
  });

  it('applies nothing twice', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code) VALUES ('zalo', 'rollback-me', 'commune', '00001')",
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.query("SELECT 1 FROM channel_accounts WHERE external_id = 'rollback-me'");
    expect(rows).toHaveLength(0);
  });
});
