import { apiResponse } from '../../api/client';

/** Downloads a file's current content and hands it to the browser as a download under its name. */
export async function downloadFile(fileId: string, name: string): Promise<void> {
  const response = await apiResponse('GET', `/files/${fileId}/download`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: the browser starts reading the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
