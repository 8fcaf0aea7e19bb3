import { z } from 'zod';
import type { BucketRange, Granularity, Period } from '../../projections/analytics/timeBuckets';
import { calendarDays, daysBetween, DEFAULT_PERIOD, PERIOD_DAYS, periodRange, PERIODS } from '../../projections/analytics/timeBuckets';

/** What a period means (see PERIOD_DAYS), for the description of every parameter that takes one. */
export const PERIOD_MEANING =
  '`24h`, `7d`, `30d` or `90d`: that many days of buckets up to now, the current bucket last (by the day, `7d` is today and the 6 days before; by the hour, the last 168 hours)';

/** What `date_range` asks for: a period up to now, or whole calendar days (UTC, both included). */
export type DateRangeSpec = { kind: 'period'; period: Period } | { kind: 'dates'; firstDay: string; lastDay: string };

const isPeriod = (value: string): value is Period => Object.hasOwn(PERIOD_DAYS, value);

const isoDate = z.iso.date();
const DATES = /^(?<firstDay>[^.]*)\.\.(?<lastDay>[^.]*)$/;

function parseDateRange(value: string, ctx: z.RefinementCtx): DateRangeSpec {
  if (isPeriod(value)) return { kind: 'period', period: value };
  const { firstDay = '', lastDay = '' } = DATES.exec(value)?.groups ?? {};
  if (!isoDate.safeParse(firstDay).success || !isoDate.safeParse(lastDay).success) {
    ctx.addIssue({ code: 'custom', message: `must be one of ${PERIODS.join(', ')}, or <first day>..<last day> as YYYY-MM-DD..YYYY-MM-DD` });
    return z.NEVER;
  }
  if (daysBetween(firstDay, lastDay) < 1) {
    ctx.addIssue({ code: 'custom', message: 'the first day must not come after the last' });
    return z.NEVER;
  }
  return { kind: 'dates', firstDay, lastDay };
}

export const dateRangeParam = z
  .string()
  .max(64)
  .meta({
    description: `${PERIOD_MEANING}; or \`YYYY-MM-DD..YYYY-MM-DD\` (whole UTC days, both included). Default \`${DEFAULT_PERIOD}\`. At most 90 days by the day, 7 days by the hour.`,
    examples: ['24h', '30d', '2026-01-01..2026-01-31'],
  })
  .transform(parseDateRange);

export const daysOf = (spec: DateRangeSpec): number =>
  spec.kind === 'period' ? PERIOD_DAYS[spec.period] : daysBetween(spec.firstDay, spec.lastDay);

/** A single day is answered by the hour unless asked otherwise, longer ranges by the day. */
export const defaultGranularity = (spec: DateRangeSpec): Granularity => (daysOf(spec) === 1 ? 'hour' : 'day');

export const bucketRangeOf = (spec: DateRangeSpec, granularity: Granularity, now: Date): BucketRange =>
  spec.kind === 'period' ? periodRange(spec.period, granularity, now) : calendarDays(spec.firstDay, spec.lastDay, granularity);
