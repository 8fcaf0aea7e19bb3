import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import type { Resource } from '../../hooks/useResource';
import type { ShareStats } from './types';

const FIGURES: readonly { key: keyof ShareStats['stats']; label: string }[] = [
  { key: 'files_shared_with_you', label: 'Shared with you' },
  { key: 'users_who_shared_with_you', label: 'People sharing with you' },
  { key: 'files_you_shared', label: 'You shared' },
  { key: 'users_you_shared_with', label: 'People you share with' },
  { key: 'active_public_links', label: 'Active public links' },
  { key: 'public_links', label: 'Public links in all' },
];

/** The sharing counters (GET /shares/stats). */
export function ShareStatsSummary({ stats }: { stats: Resource<ShareStats> }) {
  return (
    <section class="card sharing-stats-card" aria-labelledby="sharing-stats-heading">
      <h2 id="sharing-stats-heading">At a glance</h2>
      {stats.loading ? (
        <Loading label="Loading counters…" />
      ) : stats.error !== null || stats.data === undefined ? (
        <ErrorBanner error={stats.error} title="Could not load the counters" />
      ) : (
        <dl class="sharing-stats">
          {FIGURES.map((figure) => (
            <div key={figure.key}>
              <dt>{figure.label}</dt>
              <dd>{stats.data?.stats[figure.key]}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
