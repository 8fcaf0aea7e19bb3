import { call, registerAndLogin } from '../support/http';
import type { Page } from '../support/files';
import { uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('file history', () => {
  it('answers the event data in snake_case, values kept', async () => {
    const { token, id: userId } = await registerAndLogin(platform.url);
    const file = await uploadJson(platform.url, token, { name: 'snake.txt', content: 'abc' });
    type Entry = { type: string; data: Record<string, unknown> };
    const history = await call<Page<Entry>>(platform.url, 'GET', `/api/v1/files/${file.body.id}/history`, { token });
    expect(history.status).toBe(200);
    const uploaded = history.body.data[0]!;
    expect(uploaded.type).toBe('FileUploaded');
    expect(uploaded.data).toMatchObject({
      file_id: file.body.id,
      owner_id: userId,
      folder_id: null,
      version_id: expect.any(String),
      mime_type: 'text/plain',
      name: 'snake.txt',
      size: 3,
    });
    const keys = (value: unknown): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)]) : [];
    expect(keys(history.body.data.map((entry) => entry.data)).filter((key) => /[A-Z]/.test(key))).toEqual([]);
  });
});
