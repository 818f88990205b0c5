import type { MandatesService } from './mandates.types.js';
import { createContext, type MandatesDeps } from './mandates.context.js';
import { createJournalWriter } from './journal-writer.js';
import { createLifecycleService } from './lifecycle.service.js';
import { createAccessService } from './access.service.js';
import { createReminders } from './reminders.service.js';

export type { MandatesDeps, PeopleDirectory } from './mandates.context.js';

export function createMandatesService(deps: MandatesDeps): MandatesService {
  const journal = createJournalWriter({ db: deps.db, clock: deps.clock });
  const ctx = createContext(deps, journal);
  return {
    ...createLifecycleService(ctx),
    ...createAccessService(ctx),
    ...createReminders(ctx),
    verifyJournal: () => journal.verify(),
  };
}
