import { MAX_FOLDER_DEPTH } from '../../src/domain/folder/folderLimits';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('folder depth is bounded', () => {
  it(`creates folders ${MAX_FOLDER_DEPTH} deep, refuses one more level by creation or by move, and a refused creation appends nothing`, async () => {
    const { token } = await registerAndLogin(platform.url);
    let parentId: string | null = null;
    for (let depth = 1; depth <= MAX_FOLDER_DEPTH; depth++) {
      const created: { status: number; body: { id: string } } = await call<{ id: string }>(platform.url, 'POST', '/api/v1/folders', {
        token,
        body: { name: `level-${depth}`, parent_id: parentId },
      });
      expect({ depth, status: created.status }).toEqual({ depth, status: 201 });
      parentId = created.body.id;
    }
    const deepest = await call<{ path: unknown[] }>(platform.url, 'GET', `/api/v1/folders/${parentId}`, { token });
    expect(deepest.body.path).toHaveLength(MAX_FOLDER_DEPTH);

    const head = await domainHead(platform.platform.eventStore);
    const tooDeep = await call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'one-too-many', parent_id: parentId } });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'parent_id' }] } });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);

    const loose = await call<{ id: string }>(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'loose', parent_id: null } });
    const moved = await call(platform.url, 'PATCH', `/api/v1/folders/${loose.body.id}`, { token, body: { parent_id: parentId } });
    expect(moved.status).toBe(400);
    const after = await call<{ parent_id: string | null }>(platform.url, 'GET', `/api/v1/folders/${loose.body.id}`, { token });
    expect(after.body.parent_id).toBeNull();
  });
});
