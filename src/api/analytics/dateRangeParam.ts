import { z } from 'zod';
import type { BucketRange, Granularity } from '../../projections/analytics/timeBuckets';
import { calendarDays, daysBetween, lastDays } from '../../projections/analytics/timeBuckets';

/** The rolling windows `date_range` names, in days. */
const PRESET_DAYS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
type Preset = keyof typeof PRESET_DAYS;
const PRESETS = Object.keys(PRESET_DAYS) as [Preset, ...Preset[]];

export const DEFAULT_DATE_RANGE: Preset = '7d';

/** What `date_range` asks for: the last days up to now, or whole calendar days (UTC, both included). */
export type DateRangeSpec = { kind: 'last'; days: number } | { kind: 'dates'; firstDay: string; lastDay: string };

const isoDate = z.iso.date();
const DATES = /^(?<firstDay>[^.]*)\.\.(?<lastDay>[^.]*)$/;

function parseDateRange(value: string, ctx: z.RefinementCtx): DateRangeSpec {
  if (value in PRESET_DAYS) return { kind: 'last', days: PRESET_DAYS[value as Preset] };
  const { firstDay = '', lastDay = '' } = DATES.exec(value)?.groups ?? {};
  if (!isoDate.safeParse(firstDay).success || !isoDate.safeParse(lastDay).success) {
    ctx.addIssue({ code: 'custom', message: `must be one of ${PRESETS.join(', ')}, or <first day>..<last day> as YYYY-MM-DD..YYYY-MM-DD` });
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
    description: `\`24h\`, \`7d\`, \`30d\` or \`90d\` (the last days up to now, the current bucket last), or \`YYYY-MM-DD..YYYY-MM-DD\` (whole UTC days, both included). Default \`${DEFAULT_DATE_RANGE}\`. At most 90 days by the day, 7 days by the hour.`,
    examples: ['24h', '30d', '2026-01-01..2026-01-31'],
  })
  .transform(parseDateRange);

export const daysOf = (spec: DateRangeSpec): number => (spec.kind === 'last' ? spec.days : daysBetween(spec.firstDay, spec.lastDay));

/** A single day is answered by the hour unless asked otherwise, longer ranges by the day. */
export const defaultGranularity = (spec: DateRangeSpec): Granularity => (daysOf(spec) === 1 ? 'hour' : 'day');

export const bucketRangeOf = (spec: DateRangeSpec, granularity: Granularity, now: Date): BucketRange =>
  spec.kind === 'last' ? lastDays(spec.days, granularity, now) : calendarDays(spec.firstDay, spec.lastDay, granularity);
