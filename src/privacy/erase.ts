import { eraseContacts, expiredContacts, forgetContacts, type StoredContact } from '../cases/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { forgetDraftRecipients } from '../letters/index.ts';
import { redactConversation } from '../messaging/index.ts';

/**
 * A citizen asked for their contact details to be erased: from their cases (which go on,
 * anonymous), from unsigned letter drafts, and from the conversation (their messages and the
 * bot's summaries). `alsoKnown` holds details not yet on a case (the report being written).
 */
export async function eraseAtRequest(
  tx: Queryable,
  conversationId: string,
  alsoKnown: { name?: string | undefined; phone?: string | undefined },
  at: Date,
): Promise<StoredContact[]> {
  const erased = await eraseContacts(tx, conversationId, at);
  await forgetEverywhere(tx, conversationId, erased, alsoKnown, at);
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
      const due = await expiredContacts(tx, before, batch);
      const erased = await forgetContacts(tx, due, now);
      const byConversation = Map.groupBy(erased, (c) => c.conversationId);
      for (const [conversationId, contacts] of byConversation) {
        const stillHeld = await tx.query('SELECT 1 FROM cases WHERE conversation_id = $1 AND (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL) LIMIT 1', [
          conversationId,
        ]);
        await forgetDraftRecipients(
          tx,
          contacts.map((c) => c.caseId),
          now,
        );
        if (stillHeld.length === 0) await redactConversation(tx, conversationId, secretsOf(contacts, {}));
      }
      return erased.length;
    });
    total += done;
    if (done < batch) return total;
  }
}

async function forgetEverywhere(
  tx: Queryable,
  conversationId: string,
  erased: readonly StoredContact[],
  alsoKnown: { name?: string | undefined; phone?: string | undefined },
  at: Date,
): Promise<void> {
  await forgetDraftRecipients(
    tx,
    erased.map((c) => c.caseId),
    at,
  );
  await redactConversation(tx, conversationId, secretsOf(erased, alsoKnown));
}

function secretsOf(contacts: readonly StoredContact[], alsoKnown: { name?: string | undefined; phone?: string | undefined }) {
  return {
    names: [...contacts.map((c) => c.name), alsoKnown.name].filter((x): x is string => !!x),
    phones: [...contacts.map((c) => c.phone), alsoKnown.phone].filter((x): x is string => !!x),
  };
}
