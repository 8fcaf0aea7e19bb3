import { z } from 'zod';
import type { StorageStatsView } from '../../projections/stats/storageStatsView';
import { emptyStats, STORAGE_STATS } from '../../projections/stats/storageStatsView';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import type { Route } from '../http/route';

export const storageStatsResponse = z
  .object({
    bytes_used: z.int().min(0),
    current_bytes: z.int().min(0),
    quota_bytes: z.int().min(0).nullable(),
    files: z.int().min(0),
    folders: z.int().min(0),
    versions: z.int().min(0),
    by_mime_type: z.array(z.object({ mime_type: z.string(), files: z.int().min(0), bytes: z.int().min(0) })),
  })
  .meta({ id: 'StorageStats' });

export function statsRoutes(services: ApiServices): Route[] {
  return [
    route({
      method: 'get',
      path: '/stats/storage',
      tag: 'stats',
      access: 'files.read',
      summary: 'Your storage: bytes used, file and folder counts, and use by mime type',
      responses: { 200: { description: 'Storage statistics', schema: storageStatsResponse } },
      async handler({ principal }) {
        const stats = (await services.readStore.get<StorageStatsView>(STORAGE_STATS, principal.userId)) ?? emptyStats(principal.userId, '');
        return {
          status: 200,
          body: {
            bytes_used: stats.bytes_used,
            current_bytes: stats.current_bytes,
            quota_bytes: services.limits.userQuotaBytes,
            files: stats.files,
            folders: stats.folders,
            versions: stats.versions,
            by_mime_type: stats.by_mime_type,
          },
        };
      },
    }),
  ];
}
