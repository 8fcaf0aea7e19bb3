import { useId, useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { fetchPage } from '../../../api/pages';
import { BarChart } from '../../../components/BarChart';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { useResource } from '../../../hooks/useResource';
import { paths } from '../../../routes';
import type { ApiToken } from '../tokens/types';
import { statusClassBars } from '../tokens/types';
import { DayColumns } from './DayColumns';
import { TopRoutes } from './TopRoutes';
import type { IntegrationStats, Period } from './types';
import { PERIODS } from './types';
import { UsageTotals } from './UsageTotals';
import './usage.css';

/**
 * The statistics of a period, then (only when tokens were used) the names of the tokens they count: the
 * statistics name tokens by id. One after the other, so the statistics never count the names' request.
 */
async function loadUsage(period: Period, signal: AbortSignal) {
  const stats = await api<IntegrationStats>('GET', '/integrations/stats', { query: { period }, signal });
  const tokens = stats.top_tokens.length === 0 ? [] : (await fetchPage<ApiToken>('/tokens', { limit: 100 }, null, signal)).data;
  return { stats, tokenNames: new Map(tokens.map((token) => [token.id, token.name])) };
}

/** Your API usage: requests per day, by status and by token, error rate and latency, and the busiest routes. */
export function UsagePage() {
  const id = useId();
  const [period, setPeriod] = useState<Period>('7d');
  const usage = useResource((signal) => loadUsage(period, signal), [period]);
  const stats = usage.data?.stats;
  const nameOf = (tokenId: string) => usage.data?.tokenNames.get(tokenId) ?? `Token ${tokenId.slice(0, 8)}`;

  return (
    <section class="usage">
      <div class="toolbar">
        <h1>Usage</h1>
        <SelectField id={`${id}-period`} label="Period" value={period} choices={PERIODS} onValue={setPeriod} />
        <button type="button" class="button button-secondary" onClick={() => usage.reload()}>
          Refresh
        </button>
      </div>
      <p class="muted">Every request to the API made as you, by the console or with your tokens, counted by the UTC day.</p>
      <ErrorBanner error={usage.error} title="The usage statistics could not be loaded" />
      {usage.loading && <Loading label="Loading usage…" />}
      {!usage.loading && stats !== undefined && stats.totals.requests === 0 && (
        <Empty title="No traffic in this period yet">
          <p>
            Requests appear here once you <a href={paths.tokens}>create an API token</a> and call the API with it.
          </p>
        </Empty>
      )}
      {!usage.loading && stats !== undefined && stats.totals.requests > 0 && (
        <>
          <UsageTotals totals={stats.totals} />
          <div class="usage-charts">
            <section class="card" aria-labelledby={`${id}-days`}>
              <h2 id={`${id}-days`}>Requests per day</h2>
              <DayColumns title={`From ${stats.by_day[0]?.day ?? ''} (UTC)`} days={stats.by_day} />
            </section>
            <section class="card" aria-labelledby={`${id}-status`}>
              <h2 id={`${id}-status`}>By status</h2>
              <BarChart title="Requests by status class" bars={statusClassBars(stats.totals.by_status_class)} />
            </section>
            <section class="card" aria-labelledby={`${id}-tokens`}>
              <h2 id={`${id}-tokens`}>By token</h2>
              {stats.top_tokens.length === 0 ? (
                <p class="muted">No request used an API token in this period.</p>
              ) : (
                <BarChart
                  title="Requests by token"
                  bars={stats.top_tokens.map((token) => ({ label: nameOf(token.token_id), value: token.requests }))}
                />
              )}
            </section>
          </div>
          <TopRoutes routes={stats.top_routes} />
        </>
      )}
    </section>
  );
}
