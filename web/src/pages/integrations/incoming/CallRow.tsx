import { Badge } from '../../../components/Badge';
import { formatBytes, formatTime } from '../../../format';
import { paths } from '../../../routes';
import { OUTCOME_LABELS, outcomeTone } from './callOutcomes';
import type { CallLogRow, IncomingAction } from './types';

/** What the call did: a link to what it created or changed, or why it did not run. */
function CallResult({ call, action }: { call: CallLogRow; action: IncomingAction }) {
  if (call.result_id !== null) {
    const isFolder = action === 'create_folder';
    return (
      <a href={isFolder ? paths.folder(call.result_id) : paths.file(call.result_id)}>
        {isFolder ? 'The folder' : 'The file'} it {call.status === 201 ? 'created' : 'changed'}
      </a>
    );
  }
  if (call.errors.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="incoming-errors">
      {call.errors.map((error) => (
        <li key={`${error.path}:${error.message}`}>
          <code>{error.path}</code>: {error.message}
        </li>
      ))}
    </ul>
  );
}

/** One call of the log, its request details folded away. */
export function CallRow({ call, action }: { call: CallLogRow; action: IncomingAction }) {
  return (
    <tr>
      <td>{formatTime(call.received_at)}</td>
      <td>
        <Badge tone={outcomeTone(call.outcome)}>{OUTCOME_LABELS[call.outcome]}</Badge>
        {call.status !== null && <span class="muted"> HTTP {call.status}</span>}
      </td>
      <td>
        <CallResult call={call} action={action} />
      </td>
      <td>
        <details>
          <summary>
            Request details<span class="visually-hidden"> of the call received {formatTime(call.received_at)}</span>
          </summary>
          <dl class="incoming-values">
            <div>
              <dt>From</dt>
              <dd>{call.ip ?? 'unknown'}</dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(call.size_bytes)}</dd>
            </div>
            <div>
              <dt>Message id</dt>
              <dd>{call.message_id ?? 'none'}</dd>
            </div>
            <div>
              <dt>Finished</dt>
              <dd>{formatTime(call.finished_at)}</dd>
            </div>
          </dl>
          <p class="incoming-caption">Payload (first 4 kB, secrets masked)</p>
          <pre class="incoming-pre">{call.payload_excerpt}</pre>
        </details>
      </td>
    </tr>
  );
}
