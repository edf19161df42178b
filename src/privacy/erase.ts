import { eraseContacts, expiredContacts, forgetContacts, type StoredContact } from '../cases/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { forgetDraftRecipients } from '../letters/index.ts';
import { eraseEverywhere } from './places.ts';

type Known = { readonly name?: string | undefined; readonly phone?: string | undefined };

/**
 * A citizen asked for their contact details to be erased: from their cases (which go on,
 * anonymous, with the details also taken out of what the case says), from unsigned letter
 * drafts, and from the conversation (their messages and the bot's summaries). `alsoKnown`
 * holds details not yet on a case (the report being written).
 */
export async function eraseAtRequest(tx: Queryable, conversationId: string, alsoKnown: Known, at: Date): Promise<StoredContact[]> {
  const erased = await eraseContacts(tx, conversationId, at);
  await forgetEchoes(tx, conversationId, erased, alsoKnown, at, { conversation: true });
  return erased;
}

/**
 * Retention (DOMAIN.md §6: the case's life plus an archive period, then anonymise): the
 * contact details of cases answered or closed more than `days` ago are erased the same way.
 * A conversation's messages are cleaned only once none of its cases still holds the details.
 * Returns how many cases were anonymised; runs in batches so one run never holds a long lock.
 */
export async function expireContacts(db: Database, days: number, now: Date, batch = 200): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const erased = await expiredContacts(tx, before, batch);
      await forgetContacts(tx, erased, now);
      for (const [conversationId, contacts] of Map.groupBy(erased, (c) => c.conversationId)) {
        const stillHeld = await tx.query(
          'SELECT 1 FROM cases WHERE conversation_id = $1 AND (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL) LIMIT 1',
          [conversationId],
        );
        await forgetEchoes(tx, conversationId, contacts, {}, now, { conversation: stillHeld.length === 0 });
      }
      return erased.length;
    });
    total += done;
    if (done < batch) return total;
  }
}

/** Where erased details were repeated: every place of PERSONAL_DATA_PLACES (src/privacy/places.ts). */
async function forgetEchoes(
  tx: Queryable,
  conversationId: string,
  erased: readonly StoredContact[],
  alsoKnown: Known,
  at: Date,
  opts: { conversation: boolean },
): Promise<void> {
  const caseIds = erased.map((c) => c.caseId);
  const contact = {
    names: [...erased.map((c) => c.name), alsoKnown.name].filter((x): x is string => !!x),
    phones: [...erased.map((c) => c.phone), alsoKnown.phone].filter((x): x is string => !!x),
  };
  await eraseEverywhere(tx, { conversationId, caseIds, contact }, { keepConversation: !opts.conversation });
  await forgetDraftRecipients(tx, caseIds, at);
}
