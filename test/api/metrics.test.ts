import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const scrape = async () => {
  const response = await fetch(`${platform.url}/metrics`);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
};

/** The value of one series, 0 when absent. */
const valueOf = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('answers Prometheus text with the process metrics, without credentials', async () => {
    const scraped = await scrape();
    expect(scraped.status).toBe(200);
    expect(scraped.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraped.text).toContain('# TYPE filora_http_requests_total counter');
    expect(scraped.text).toContain('# TYPE filora_http_request_duration_seconds histogram');
    expect(scraped.text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  it('counts requests by method, route template and status', async () => {
    const series = 'filora_http_requests_total{method="GET",route="/health",status="200"}';
    const before = valueOf((await scrape()).text, series);
    for (let i = 0; i < 3; i++) expect((await call(platform.url, 'GET', '/health')).status).toBe(200);
    expect(valueOf((await scrape()).text, series)).toBe(before + 3);
  });

  it('labels a route by its template and an unrouted path as unmatched, so no client can grow the series', async () => {
    const id = '0b0f8c4e-6a0a-4d8e-9f59-0d3c8a3b2f11';
    expect((await call(platform.url, 'GET', `/api/v1/files/${id}`)).status).toBe(401);
    expect((await call(platform.url, 'GET', `/no/such/path/${id}`)).status).toBe(404);
    expect((await call(platform.url, 'PURGE', '/health')).status).toBeGreaterThanOrEqual(400);
    const { text } = await scrape();
    expect(text).not.toContain(id);
    expect(text).toContain('filora_http_requests_total{method="GET",route="unmatched",status="404"}');
    expect(text).toMatch(/filora_http_requests_total\{method="OTHER",route="[^"]+",status="4\d\d"\}/);
    expect(text).toMatch(/filora_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health",status="200"\} \d+/);
  });

  it('is described in the OpenAPI document as text', async () => {
    const document = await call<{ paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>(
      platform.url,
      'GET',
      '/api/v1/openapi.json',
    );
    expect(Object.keys(document.body.paths['/metrics']?.get?.responses['200']?.content ?? {})).toEqual([
      expect.stringMatching(/^text\/plain/),
    ]);
  });
});
