import type { AccountData } from '../account-data/account-data.service.js';
import { GLOBAL } from '../account-data/account-data.store.js';
import { PUSH_RULES_TYPE, effectiveRuleset, type PushRuleset } from './push-rules.js';

/**
 * Each user's push rules, kept whole as their global `m.push_rules` account data, so every
 * change reaches their clients through /sync like any other account data.
 */
export class PushRules {
  constructor(private readonly accountData: AccountData) {}

  async ruleset(userId: string): Promise<PushRuleset> {
    return effectiveRuleset(await this.accountData.get(userId, GLOBAL, PUSH_RULES_TYPE), userId);
  }

  /** `change` may throw (unknown rule, bad position); nothing is written then. */
  edit(userId: string, change: (ruleset: PushRuleset) => PushRuleset): Promise<void> {
    return this.accountData.update(userId, GLOBAL, PUSH_RULES_TYPE, (stored) => ({
      content: { global: change(effectiveRuleset(stored, userId)) },
      result: undefined,
    }));
  }
}
