import { DEFAULT_LOCALE, isLocale } from '../../platform/i18n/locales.js';
import { activeMandatesEndedBy, mandatesDueForReminder, recordReminder, updateMandate } from './mandates.store.js';
import type { Mandate } from './mandates.model.js';
import type { MandatesContext } from './mandates.context.js';

const DAY_MS = 86_400_000;
/** Nearest first, so a mandate that is already inside 7 days gets only the 7-day reminder. */
const REMINDER_DAYS = [7, 30] as const;

/**
 * Daily chore: marks mandates that reached their end as expired and reminds both parties 30 and 7
 * days before the end. A mandate shorter than a reminder's lead time never gets that reminder.
 */
export function createReminders(ctx: MandatesContext) {
  const { db, clock, journal, people, mailer } = ctx;

  async function recipients(mandate: Mandate): Promise<Array<{ to: string; name: string }>> {
    const userIds = [mandate.principal.userId, ...(mandate.agent.kind === 'person' ? [mandate.agent.userId] : [])];
    const users = await people.usersByIds(userIds);
    const list = userIds.flatMap((id) => {
      const user = users.get(id);
      return user ? [{ to: user.email, name: user.displayName }] : [];
    });
    if (mandate.agent.kind === 'organization') {
      const organization = (await people.organizationsByIds([mandate.agent.organizationId])).get(mandate.agent.organizationId);
      if (organization?.email) list.push({ to: organization.email, name: organization.name });
    }
    return list;
  }

  async function expire(now: Date): Promise<void> {
    for (const id of await activeMandatesEndedBy(db, now.toISOString())) {
      await journal.write(async (tx, append) => {
        await updateMandate(tx, id, { status: 'expired' });
        await append({ kind: 'mandate_expired', mandateId: id, actor: 'system', details: {} });
      });
    }
  }

  return {
    async sendExpiryReminders(): Promise<number> {
      const now = clock.now();
      await expire(now);
      let sent = 0;
      const remindedNow = new Set<string>();
      for (const days of REMINDER_DAYS) {
        const until = new Date(now.getTime() + days * DAY_MS).toISOString();
        const due = (await mandatesDueForReminder(db, now.toISOString(), until, days)).filter((id) => !remindedNow.has(id));
        for (const mandate of await ctx.load(due)) {
          const leadTimeFits = new Date(mandate.startsAt).getTime() < new Date(mandate.endsAt).getTime() - days * DAY_MS;
          const locale = mandate.consent && isLocale(mandate.consent.locale) ? mandate.consent.locale : DEFAULT_LOCALE;
          const { t } = ctx.translators[locale];
          const agentName = mandate.agent.kind === 'person' ? mandate.agent.displayName : mandate.agent.name;
          const recipientsOfMandate = leadTimeFits ? await recipients(mandate) : [];
          for (const recipient of recipientsOfMandate) {
            await mailer.send({
              to: recipient.to,
              locale,
              subject: t('mandates.reminder.subject', { days }),
              text: t('mandates.reminder.body', {
                name: recipient.name,
                principal: mandate.principal.displayName,
                agent: agentName,
                days,
                end: mandate.endsAt.slice(0, 10),
                link: `${ctx.publicUrl}/${locale}/mandates/${mandate.id}`,
              }),
            });
            sent += 1;
          }
          remindedNow.add(mandate.id);
          await journal.write(async (tx, append) => {
            // The shorter reminder makes the longer one pointless: mark both as done.
            for (const d of REMINDER_DAYS.filter((d) => d >= days)) await recordReminder(tx, mandate.id, d, now.toISOString());
            if (recipientsOfMandate.length > 0) {
              await append({ kind: 'reminder_sent', mandateId: mandate.id, actor: 'system', details: { days_before: days, recipients: recipientsOfMandate.length } });
            }
          });
        }
      }
      return sent;
    },
  };
}
