import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ConsoleDirectory } from './consoleDirectory';
import { packageRoot } from './consoleDirectory';
import { indexHtml } from './indexHtml';

export type ConsoleBuildOutcome =
  | { state: 'built'; ms: number; bytes: number }
  | { state: 'up-to-date' }
  /** Only a build is shipped (a production image): nothing to compare it with. */
  | { state: 'prebuilt' }
  | { state: 'missing' };

const STAMP = '.built';
export const CONSOLE_ENTRY = 'main.tsx';

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function stampTime(dist: string): number {
  try {
    return statSync(join(dist, STAMP)).mtimeMs;
  } catch {
    return -1;
  }
}

/** Writes a file whole or not at all. */
function writeAtomically(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * Bundles the console (web/src) into web/dist with esbuild, when its sources changed since the last build.
 * Assets carry their content hash in their name, so a browser may keep them for good; index.html names them.
 * Every file is written whole (temp file, then rename): concurrent builders never serve half a file.
 */
export async function buildConsole(directory: ConsoleDirectory, options: { force?: boolean } = {}): Promise<ConsoleBuildOutcome> {
  if (!existsSync(directory.source)) return existsSync(join(directory.dist, 'index.html')) ? { state: 'prebuilt' } : { state: 'missing' };
  if (!options.force && stampTime(directory.dist) >= newestChange(directory.source)) return { state: 'up-to-date' };
  const started = Date.now();
  const assets = join(directory.dist, 'assets');
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: [join(directory.source, CONSOLE_ENTRY)],
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    // Preact comes from the package's own node_modules, wherever the sources are.
    nodePaths: [join(packageRoot(), 'node_modules')],
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const outputs = result.outputFiles.map((file) => relative(assets, file.path));
  const script = outputs.find((output) => output.endsWith('.js'));
  const stylesheet = outputs.find((output) => output.endsWith('.css'));
  if (script === undefined) throw new Error('the console build gave no script');
  writeAtomically(
    join(directory.dist, 'index.html'),
    indexHtml(`assets/${script}`, stylesheet === undefined ? null : `assets/${stylesheet}`),
  );
  for (const stale of readdirSync(assets)) {
    if (!outputs.includes(stale) && !stale.endsWith('.tmp')) rmSync(join(assets, stale), { force: true });
  }
  writeAtomically(join(directory.dist, STAMP), new Date().toISOString());
  const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  return { state: 'built', ms: Date.now() - started, bytes };
}
