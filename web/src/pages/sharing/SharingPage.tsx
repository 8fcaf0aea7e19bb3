import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { useLiveChanges } from '../../hooks/useLive';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { SharedList } from './SharedList';
import { ShareStatsSummary } from './ShareStatsSummary';
import { Tabs } from '../../components/Tabs';
import { paths } from '../../routes';
import type { SharedItem, SharedView, ShareStats } from './types';
import './sharing.css';

const TABS = [
  { key: 'received', label: 'Shared with me' },
  { key: 'sent', label: 'Shared by me' },
] as const;

/** "Shared with me" and "Shared by me", with the sharing counters; both follow share events live. */
export function SharingPage() {
  const { query, route } = useLocation();
  // The tab lives in the address (replaced, not pushed), so Back to this page and a reload keep it.
  const view: SharedView = query.view === 'sent' ? 'sent' : 'received';
  const setView = (next: SharedView) => route(next === 'sent' ? `${paths.sharing}?view=sent` : paths.sharing, true);
  const list = usePagedList<SharedItem>('/shared', { view });
  const stats = useResource((signal) => api<ShareStats>('GET', '/shares/stats', { signal }), []);
  useLiveChanges(
    () => {
      list.reload(true);
      stats.reload(true);
    },
    (item) => item.type.startsWith('share.') || item.type.startsWith('link.'),
  );
  return (
    <section>
      <h1>Shared</h1>
      <ShareStatsSummary stats={stats} />
      <h2 class="visually-hidden">Shares</h2>
      <Tabs label="Shares" tabs={TABS} selected={view} onSelect={setView}>
        <SharedList view={view} list={list} />
      </Tabs>
    </section>
  );
}
