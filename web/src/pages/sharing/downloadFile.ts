import { apiResponse } from '../../api/client';

/** Downloads a file the user may read (theirs or shared with them) and hands it to the browser under its name. */
export async function downloadFile(fileId: string, filename: string): Promise<void> {
  const response = await apiResponse('GET', `/files/${encodeURIComponent(fileId)}/download`);
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
