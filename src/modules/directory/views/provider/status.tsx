import { h, type SafeHtml } from '../../../../platform/views/jsx.js';
import type { PageContext } from '../../../../platform/http/context.js';
import type { ModerationStatus } from '../../directory.model.js';
import type { ChangeState } from './overview.js';

/** Where an entry stands, in words (never colour alone). */
export function ModerationBadge({ ctx, status }: { ctx: PageContext; status: ModerationStatus }): SafeHtml {
  return <span class={`tag tag--${status}`}>{ctx.t(`directory.provider.status.${status}`)}</span>;
}

/** "Waiting for a moderator" or "rejected, because…" for the latest proposed change. */
export function ChangeNotice({ ctx, change, rejectedReason }: { ctx: PageContext; change: ChangeState; rejectedReason?: string | null }): SafeHtml {
  const { t } = ctx;
  if (change.pending) {
    return (
      <div class="notice notice--warning">
        <p>{t('directory.provider.change.waiting')}</p>
      </div>
    );
  }
  const reason = change.rejected?.reason ?? rejectedReason;
  if (reason) {
    return (
      <div class="notice notice--error">
        <p>{t('directory.provider.change.rejected')}</p>
        <blockquote>
          <p>{reason}</p>
        </blockquote>
      </div>
    );
  }
  return h('span', null);
}
