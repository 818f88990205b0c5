import { h, type SafeHtml } from '../../../../platform/views/jsx.js';
import type { PageContext } from '../../../../platform/http/context.js';
import { compileOpeningHours, isOpenAt, weeklySchedule } from '../../opening-hours.js';
import { OpenState } from './components.js';
import { LUXEMBOURG_ZONE as ZONE } from '../../../../shared/luxembourg-time.js';

/** The next seven days, today first, so holidays and exceptions show as they will happen. */
export function OpeningHoursTable({ ctx, hours, now, caption }: { ctx: PageContext; hours: string | null; now: Date; caption: string }): SafeHtml {
  if (!hours || !compileOpeningHours(hours)) return h('span', null);
  const days = weeklySchedule(hours, now);
  const dayName = new Intl.DateTimeFormat(ctx.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: ZONE });
  return (
    <div class="opening-hours">
      <table>
        <caption>{caption}</caption>
        <tbody>
          {days.map((day, index) => (
            <tr class={index === 0 ? 'today' : undefined}>
              <th scope="row">
                {dayName.format(new Date(`${day.date}T12:00:00Z`))}
                {index === 0 ? <span class="visually-hidden"> ({ctx.t('directory.offer.today')})</span> : null}
              </th>
              <td>
                {day.intervals.length === 0
                  ? ctx.t('directory.offer.closed_day')
                  : day.intervals
                      .map((i) =>
                        ctx.t(i.unknown ? 'directory.offer.interval_maybe' : 'directory.offer.interval', { from: i.from, to: i.to }) +
                        (i.comment ? ` (${i.comment})` : ''),
                      )
                      .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <OpenState ctx={ctx} open={isOpenAt(hours, now)} />
      </p>
    </div>
  );
}

