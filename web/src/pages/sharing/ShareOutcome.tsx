import type { Accepted, ShareResultItem, ShareResults } from './types';

const REASONS: Record<string, string> = {
  user_not_found: 'no such user',
  file_not_found: 'the file is gone',
  folder_not_found: 'the folder is gone',
  forbidden: 'you may not share it',
  self: 'that is you',
  already_shared: 'already shared like this',
};

const whoOf = (item: ShareResultItem) => item.username ?? item.email ?? 'someone';
const reasonOf = (item: ShareResultItem) => (item.reason === undefined ? 'no reason given' : (REASONS[item.reason] ?? item.reason));

function ReasonList({ title, items, tone }: { title: string; items: ShareResultItem[]; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div class={`banner ${tone}`}>
      <strong>{title}</strong>
      <ul>
        {items.map((item) => (
          <li key={whoOf(item)}>
            {whoOf(item)}: {reasonOf(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a share request did for each user: who now has it, who was skipped, and who failed and why. */
export function ShareOutcome({ outcome }: { outcome: ShareResults | Accepted }) {
  if (!('results' in outcome))
    return (
      <p class="banner banner-success" role="status">
        Shared. {outcome.message}
      </p>
    );
  const { created, updated, failed, skipped } = outcome.results;
  const done = [...created, ...updated];
  return (
    <div role="status">
      {done.length > 0 && (
        <p class="banner banner-success">
          Shared with {done.map(whoOf).join(', ')}
          {updated.length > 0 && ` (${updated.length} updated)`}.
        </p>
      )}
      <ReasonList title="Skipped" items={skipped} tone="sharing-banner-warning" />
      <ReasonList title="Not shared" items={failed} tone="banner-error" />
    </div>
  );
}
