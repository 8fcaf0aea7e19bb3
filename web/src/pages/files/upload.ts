import { freshAccessToken, notePosition, urlOf } from '../../api/client';
import { failureOf, networkFailure } from '../../api/failure';

/**
 * Sends content to the API reporting progress; resolves once the API answered, rejects with its ApiFailure.
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 */
async function sendWithProgress(
  method: string,
  path: string,
  body: FormData | Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const token = await freshAccessToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, urlOf(path));
    request.setRequestHeader('Accept', 'application/json');
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      // So the next list read waits until it includes this upload.
      notePosition(request.getResponseHeader('X-Filora-Position'));
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(failureOf(request.status, request.statusText, request.responseText, request.getResponseHeader('Retry-After')));
      }
    };
    request.onerror = () => reject(networkFailure(new Error('the upload was interrupted')));
    request.send(body);
  });
}

/** Uploads a new file; folder_id and name go before the file part, so the API checks them before storing content. */
export function uploadFile(file: File, folderId: string | null, onProgress: (fraction: number) => void): Promise<void> {
  const form = new FormData();
  form.append('folder_id', folderId ?? 'root');
  form.append('name', file.name);
  form.append('file', file, file.name);
  return sendWithProgress('POST', '/files', form, onProgress);
}

/** Uploads new content for a file as its next version (its type from the browser, else detected by the API). */
export function uploadVersion(fileId: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return sendWithProgress('PUT', `/files/${fileId}/content`, file, onProgress);
}
