import type { AnalyticsHourView, StoredBytesHourView } from '../../../src/projections/analytics/analyticsViews';
import { denseSeries } from '../../../src/projections/analytics/denseSeries';
import { calendarDays, lastDays } from '../../../src/projections/analytics/timeBuckets';
import type { BucketRange } from '../../../src/projections/analytics/timeBuckets';

const USER = '00000000-0000-4000-8000-000000000001';
const row = (hour: string, counts: Partial<AnalyticsHourView>): AnalyticsHourView => ({
  _id: `${USER}:${hour}`,
  user_id: USER,
  token_id: null,
  hour,
  ...counts,
});
const level = (hour: string, bytes: number): StoredBytesHourView => ({ _id: `${USER}:${hour}`, user_id: USER, hour, bytes_stored: bytes });
const at = (iso: string) => Date.parse(iso);
const values = (series: { points: Array<{ value: number }> }) => series.points.map((point) => point.value);

describe('time buckets', () => {
  const now = new Date('2026-01-05T10:30:00.000Z');

  it('ends a rolling window with the bucket now falls in', () => {
    expect(lastDays(1, 'hour', now)).toEqual({ from: at('2026-01-04T11:00:00.000Z'), count: 24, granularity: 'hour' });
    expect(lastDays(7, 'hour', now)).toEqual({ from: at('2025-12-29T11:00:00.000Z'), count: 168, granularity: 'hour' });
    expect(lastDays(7, 'day', now)).toEqual({ from: at('2025-12-30T00:00:00.000Z'), count: 7, granularity: 'day' });
  });

  it('covers calendar days whole, both ends included', () => {
    expect(calendarDays('2026-01-01', '2026-01-31', 'day')).toEqual({
      from: at('2026-01-01T00:00:00.000Z'),
      count: 31,
      granularity: 'day',
    });
    expect(calendarDays('2024-02-28', '2024-03-01', 'day').count).toBe(3);
    expect(calendarDays('2026-03-10', '2026-03-10', 'hour')).toEqual({
      from: at('2026-03-10T00:00:00.000Z'),
      count: 24,
      granularity: 'hour',
    });
  });
});

describe('dense series from hourly rows', () => {
  const hours: BucketRange = { from: at('2026-01-01T00:00:00.000Z'), count: 4, granularity: 'hour' };
  const days: BucketRange = { from: at('2026-01-01T00:00:00.000Z'), count: 3, granularity: 'day' };
  const noLevels = { storedBytes: [], storedBytesBefore: 0 };

  it('answers every bucket, zero where no row is, by the hour', () => {
    const counters = [row('2026-01-01T01:00:00.000Z', { uploads: 2, downloads: 1 }), row('2026-01-01T03:00:00.000Z', { uploads: 1 })];
    const [uploads, downloads, shares] = denseSeries(['uploads', 'downloads', 'shares'], hours, { counters, ...noLevels });
    expect(uploads).toEqual({
      name: 'uploads',
      unit: 'count',
      aggregation: 'sum',
      points: [
        { at: '2026-01-01T00:00:00.000Z', value: 0 },
        { at: '2026-01-01T01:00:00.000Z', value: 2 },
        { at: '2026-01-01T02:00:00.000Z', value: 0 },
        { at: '2026-01-01T03:00:00.000Z', value: 1 },
      ],
      total: 3,
    });
    expect(values(downloads!)).toEqual([0, 1, 0, 0]);
    expect({ values: values(shares!), total: shares!.total }).toEqual({ values: [0, 0, 0, 0], total: 0 });
  });

  it('adds the hours of a day up', () => {
    const counters = [
      row('2026-01-01T00:00:00.000Z', { requests: 5, errors: 1 }),
      row('2026-01-01T23:00:00.000Z', { requests: 2 }),
      row('2026-01-03T12:00:00.000Z', { requests: 1, errors: 1, server_errors: 1 }),
    ];
    const series = denseSeries(['requests', 'errors', 'server_errors'], days, { counters, ...noLevels });
    expect(series.map((one) => [one.name, values(one), one.total])).toEqual([
      ['requests', [7, 0, 1], 8],
      ['errors', [1, 0, 1], 2],
      ['server_errors', [0, 0, 1], 1],
    ]);
  });

  it('answers a level at the end of each bucket, carried over buckets without a change and from before the range', () => {
    const storedBytes = [
      level('2026-01-01T01:00:00.000Z', 150),
      level('2026-01-01T03:00:00.000Z', 90),
      level('2026-01-01T03:00:00.000Z', 120), // a later row of the same bucket wins
    ];
    const [bytesStored] = denseSeries(['bytes_stored'], hours, { counters: [], storedBytes, storedBytesBefore: 100 });
    expect(bytesStored).toMatchObject({ unit: 'bytes', aggregation: 'level', total: 120 });
    expect(values(bytesStored!)).toEqual([100, 150, 150, 120]);

    const [daily] = denseSeries(['bytes_stored'], days, { counters: [], storedBytes, storedBytesBefore: 100 });
    expect({ values: values(daily!), total: daily!.total }).toEqual({ values: [120, 120, 120], total: 120 });
  });
});
