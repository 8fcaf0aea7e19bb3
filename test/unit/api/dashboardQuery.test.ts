import { dashboardQuery } from '../../../src/api/analytics/analyticsSchemas';
import { bucketRangeOf } from '../../../src/api/analytics/dateRangeParam';

const TOKEN = '3e78c8a9-2f6b-4a57-9a41-6c1f2d0e5b7a';

function problems(query: Record<string, unknown>): Array<{ path: string; message: string }> {
  const result = dashboardQuery.safeParse(query);
  if (result.success) throw new Error(`accepted ${JSON.stringify(query)}`);
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('the dashboard query: date_range and filters', () => {
  it('defaults to the last 7 days by the day, and a single day by the hour', () => {
    expect(dashboardQuery.parse({})).toEqual({ dateRange: { kind: 'period', period: '7d' }, granularity: 'day', tokenId: null });
    expect(dashboardQuery.parse({ date_range: '24h' })).toMatchObject({ granularity: 'hour' });
    expect(dashboardQuery.parse({ date_range: '2026-01-01..2026-01-01' })).toMatchObject({ granularity: 'hour' });
    expect(dashboardQuery.parse({ date_range: '2026-01-01..2026-01-02' })).toMatchObject({ granularity: 'day' });
  });

  it('takes the filters as key:value pairs or as a JSON object', () => {
    const expected = { dateRange: { kind: 'period', period: '7d' }, granularity: 'hour', tokenId: TOKEN };
    expect(dashboardQuery.parse({ filters: `granularity:hour,token:${TOKEN}` })).toEqual(expected);
    expect(dashboardQuery.parse({ filters: JSON.stringify({ granularity: 'hour', token: TOKEN }) })).toEqual(expected);
    expect(dashboardQuery.parse({ date_range: '90d', filters: 'granularity:day' })).toMatchObject({ granularity: 'day' });
  });

  it('resolves calendar days to whole UTC days, and presets to a window ending now', () => {
    const now = new Date('2026-02-10T08:15:00.000Z');
    const { dateRange, granularity } = dashboardQuery.parse({ date_range: '2026-01-30..2026-02-02' });
    expect(bucketRangeOf(dateRange, granularity, now)).toEqual({
      from: Date.parse('2026-01-30T00:00:00.000Z'),
      count: 4,
      granularity: 'day',
    });
    const last = dashboardQuery.parse({ date_range: '30d' });
    expect(bucketRangeOf(last.dateRange, last.granularity, now)).toEqual({
      from: Date.parse('2026-01-12T00:00:00.000Z'),
      count: 30,
      granularity: 'day',
    });
  });

  it.each([
    [{ date_range: '1y' }, 'date_range'],
    [{ date_range: '' }, 'date_range'],
    [{ date_range: '2026-02-30..2026-03-01' }, 'date_range'],
    [{ date_range: '2026-01-01..' }, 'date_range'],
    [{ date_range: '2026-01-01T00:00:00Z..2026-01-02' }, 'date_range'],
    [{ date_range: '2026-01-02..2026-01-01' }, 'date_range'],
    [{ date_range: '2026-01-01..2026-04-01' }, 'date_range'],
    [{ date_range: '30d', filters: 'granularity:hour' }, 'date_range'],
    [{ date_range: '2026-01-01..2026-01-08', filters: 'granularity:hour' }, 'date_range'],
    [{ filters: 'granularity:minute' }, 'filters.granularity'],
    [{ filters: 'token:abc' }, 'filters.token'],
    [{ filters: 'route:/files' }, 'filters'],
    [{ filters: 'granularity' }, 'filters'],
    [{ filters: 'granularity:hour,granularity:day' }, 'filters'],
    [{ filters: '' }, 'filters'],
    [{ filters: '{"granularity":' }, 'filters'],
    [{ filters: '{"status":500}' }, 'filters'],
    [{ filters: '["granularity"]' }, 'filters'],
    [{ date_range: ['7d', '30d'] }, 'date_range'],
    [{ page: '2' }, ''],
  ])('refuses %j, naming %s', (query, path) => {
    const found = problems(query);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((problem) => problem.path)).toContain(path);
  });

  it('says what a date range may be, and what bounds a series', () => {
    expect(problems({ date_range: 'last week' })[0]!.message).toMatch(/24h, 7d, 30d, 90d, or <first day>\.\.<last day>/);
    expect(problems({ date_range: '30d', filters: 'granularity:hour' })[0]!.message).toBe('a series by the hour covers at most 7 days');
    expect(problems({ date_range: '2025-01-01..2025-12-31' })[0]!.message).toBe('a series by the day covers at most 90 days');
  });
});
