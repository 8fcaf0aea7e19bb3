import { z } from 'zod';
import { GRANULARITIES } from '../../projections/analytics/timeBuckets';

const dashboardFilters = z.strictObject({
  granularity: z.enum(GRANULARITIES).optional(),
  token: z.uuid().optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFilters>;

/**
 * `key:value,key:value` into an object; a key given twice, or a pair without a colon, is refused. Collected
 * in a Map and turned into own properties, so that `__proto__:x` is a key like any other (unknown, refused)
 * instead of an assignment to the object's prototype.
 */
function parseCompact(value: string, ctx: z.RefinementCtx): Record<string, string> {
  const filters = new Map<string, string>();
  for (const pair of value.split(',')) {
    const colon = pair.indexOf(':');
    const key = pair.slice(0, colon).trim();
    if (colon < 1 || key === '') {
      ctx.addIssue({ code: 'custom', message: `"${pair.slice(0, 50)}" is not a key:value filter` });
    } else if (filters.has(key)) {
      ctx.addIssue({ code: 'custom', message: `the ${key.slice(0, 50)} filter is given twice` });
    } else filters.set(key, pair.slice(colon + 1).trim());
  }
  return Object.fromEntries(filters);
}

/** The seed's JSON object, or the compact `key:value` list. */
function parseFilters(value: string, ctx: z.RefinementCtx): unknown {
  if (!value.trimStart().startsWith('{')) return parseCompact(value, ctx);
  try {
    return JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
}

export const filtersParam = z
  .string()
  .max(512)
  .meta({
    description:
      '`granularity:hour|day` and, on the api-usage dashboard, `token:<token id>` (only the requests made with that token), as `key:value` pairs joined by commas or as a JSON object (`{"granularity":"hour"}`). An unknown filter is refused.',
    examples: ['granularity:hour', 'granularity:day,token:3e78c8a9-2f6b-4a57-9a41-6c1f2d0e5b7a'],
  })
  .transform(parseFilters)
  .pipe(dashboardFilters);
