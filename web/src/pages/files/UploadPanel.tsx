import { useId, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes } from '../../format';
import { uploadFile } from './upload';

interface Upload {
  key: number;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error: unknown;
}

let nextKey = 0;

/**
 * Upload by the file input (keyboard and pointer) or by dropping files on the zone; one labelled progress bar
 * per file, and each failure in the API's words (too large, over quota, …). `onUploaded` runs after each success.
 */
export function UploadPanel({ folderId, onUploaded }: { folderId: string | null; onUploaded: () => void }) {
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (files: readonly File[]) => {
    for (const file of files) {
      const key = nextKey++;
      setUploads((all) => [...all, { key, name: file.name, size: file.size, progress: 0, state: 'uploading', error: null }]);
      uploadFile(file, folderId, (progress) => update(key, { progress })).then(
        () => {
          update(key, { state: 'done', progress: 1 });
          onUploaded();
        },
        (error: unknown) => update(key, { state: 'failed', error }),
      );
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start(Array.from(event.dataTransfer?.files ?? []));
  };

  const finished = uploads.some((upload) => upload.state !== 'uploading');
  return (
    <section class="files-upload" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} class="visually-hidden">
        Upload
      </h2>
      <div
        class={`files-dropzone${dragging ? ' files-dropzone-active' : ''}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label for={inputId} class="files-upload-label">
          Upload files
        </label>
        <input
          id={inputId}
          class="files-input"
          type="file"
          multiple
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            start(files);
          }}
        />
        <span class="muted">or drop files here</span>
      </div>
      {uploads.length > 0 && (
        <ul class="files-uploads" aria-label="Uploads">
          {uploads.map((upload) => (
            <li key={upload.key} class="files-upload-row">
              <label for={`${inputId}-${upload.key}`}>
                {upload.name} <span class="muted">({formatBytes(upload.size)})</span>
              </label>
              {/* A refused upload may have sent every byte before the answer: no full bar for it. */}
              {upload.state !== 'failed' && <progress id={`${inputId}-${upload.key}`} max={1} value={upload.progress} />}
              <span class="files-upload-state" role="status">
                {upload.state === 'uploading' ? `${Math.round(upload.progress * 100)} %` : upload.state === 'done' ? 'Uploaded' : 'Failed'}
              </span>
              {upload.state === 'failed' && <ErrorBanner error={upload.error} title={`Could not upload ${upload.name}`} />}
            </li>
          ))}
        </ul>
      )}
      {finished && (
        <button
          type="button"
          class="button button-small button-ghost"
          onClick={() => setUploads((all) => all.filter((upload) => upload.state === 'uploading'))}
        >
          Clear finished uploads
        </button>
      )}
    </section>
  );
}
