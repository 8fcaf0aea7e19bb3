import { join } from 'node:path';
import { encodeCursor } from '../src/api/http/pagination';
import { seededName } from './lib/fileSeeding';
import { httpSettings } from './lib/httpSettings';
import { step } from './lib/progress';
import type { LatencyFigures } from './lib/requestLatency';
import { latencyFigures, timeGets } from './lib/requestLatency';
import type { Benchmark, ResultRow } from './lib/results';
import type { SeededFolderInfo } from './lib/seededServer';
import { startSeededServer } from './lib/seededServer';

const { listSizes, listRequests } = httpSettings;
const PAGE = 50;
const ROUNDS = 5;
/** "Flat": a page of the largest folder may take at most this many times as long as one of the smallest. */
const FLAT_GOAL = 1.5;

const label = (files: number) => (files >= 1000 && files % 1000 === 0 ? `${files / 1000}k` : String(files));

/**
 * The cursor a client holds after paging to the middle of the folder: the last row of the page before is
 * the file at `index`, and the names sort in index order (seededName).
 */
function cursorAt(folder: SeededFolderInfo, index: number): string {
  const fileId = folder.fileIds[index];
  if (fileId === undefined) throw new Error(`folder ${folder.name} has no file ${index}`);
  return encodeCursor({ _id: fileId, name_lower: seededName(index) }, ['name_lower']);
}

interface Page {
  data: { name: string }[];
}

/** Checks that the deep page is where it should be, so that a wrong cursor cannot pass for a fast one. */
async function assertDeepPage(url: string, headers: Record<string, string>, expectedFirst: string): Promise<void> {
  const response = await fetch(url, { headers });
  const page = (await response.json()) as Page;
  const first = page.data[0]?.name;
  if (response.status !== 200 || first !== expectedFirst || page.data.length !== PAGE) {
    throw new Error(
      `the deep page answered ${response.status} starting at ${first ?? 'nothing'}, expected ${PAGE} files from ${expectedFirst}`,
    );
  }
}

interface FolderPages {
  files: number;
  middle: number;
  firstUrl: string;
  deepUrl: string;
  firstSamples: number[];
  deepSamples: number[];
}

async function pagesOf(url: string, headers: Record<string, string>, folder: SeededFolderInfo): Promise<FolderPages> {
  const files = folder.fileIds.length;
  const firstUrl = `${url}/api/v1/files?limit=${PAGE}&folder_id=${folder.id}`;
  const middle = Math.floor(files / 2) - 1;
  const deepUrl = `${firstUrl}&cursor=${cursorAt(folder, middle)}`;
  await assertDeepPage(deepUrl, headers, seededName(middle + 1));
  return { files, middle, firstUrl, deepUrl, firstSamples: [], deepSamples: [] };
}

/** A tenth as many untimed requests of every page first: the first folder measured must not pay for a cold server. */
async function warmUp(pages: readonly FolderPages[], headers: Record<string, string>): Promise<void> {
  const count = Math.ceil(listRequests / 10);
  for (const page of pages) {
    await timeGets(page.firstUrl, headers, count);
    await timeGets(page.deepUrl, headers, count);
  }
}

function row(what: string, files: number, figures: LatencyFigures, reference: LatencyFigures, referenceFiles: number): ResultRow {
  const result: ResultRow = {
    benchmark: `list ${what}, folder of ${label(files)} files (GET /files?limit=${PAGE})`,
    measured: figures.p50,
    baseline: reference.p50,
    unit: 'ms (median)',
    notes: `${figures.requests} requests one after another, in ${ROUNDS} rounds over all folders; p99 ${figures.p99.toFixed(1)} ms; baseline: the same page of the ${label(referenceFiles)} folder, same server; lower is better`,
  };
  if (files === referenceFiles) return result;
  return { ...result, check: { pass: figures.p50 <= reference.p50 * FLAT_GOAL, requirement: `goal flat: ≤ ${FLAT_GOAL}x`, goal: true } };
}

export const benchmark: Benchmark = {
  name: 'listGrowth',
  description: `latency of a page of ${PAGE} files (first, and deep by cursor) in folders of ${listSizes.map(label).join(', ')} files`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { server, folders } = await startSeededServer(
      join(tempDir, 'server'),
      listSizes.map((files) => ({ name: `list-${label(files)}`, files })),
    );
    try {
      const headers = { authorization: `Bearer ${server.token}` };
      const pages = await Promise.all(folders.map((folder) => pagesOf(server.url, headers, folder)));
      await warmUp(pages, headers);
      // Rounds over every folder in turn, so that a change of load on the machine falls on all sizes alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const page of pages) {
          page.firstSamples.push(...(await timeGets(page.firstUrl, headers, Math.ceil(listRequests / ROUNDS))));
          page.deepSamples.push(...(await timeGets(page.deepUrl, headers, Math.ceil(listRequests / ROUNDS))));
        }
      }
      const measured = pages.map((page) => {
        const sized = { files: page.files, first: latencyFigures(page.firstSamples), deep: latencyFigures(page.deepSamples) };
        step(
          `${label(page.files)} files: first page ${sized.first.p50.toFixed(1)} ms (p99 ${sized.first.p99.toFixed(1)}), ` +
            `page at file ${page.middle + 1} ${sized.deep.p50.toFixed(1)} ms (p99 ${sized.deep.p99.toFixed(1)})`,
        );
        return sized;
      });
      const reference = measured[0];
      if (!reference) return [];
      return [
        ...measured.map((size) => row('first page', size.files, size.first, reference.first, reference.files)),
        ...measured.map((size) => row('page in the middle (by cursor)', size.files, size.deep, reference.deep, reference.files)),
      ];
    } finally {
      await server.stop();
    }
  },
};
