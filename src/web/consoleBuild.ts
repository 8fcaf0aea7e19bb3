import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Every source file with its size and time: a build is up to date when this is what it was built from (a file deleted or renamed counts too). */
function sourceSignature(directory: string): string {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size, mtimeMs } = statSync(path);
    files.push(`${relative(directory, path)} ${size} ${mtimeMs}`);
  }
  return createHash('sha256').update(files.sort().join('\n')).digest('hex');
}

function builtFrom(dist: string): string | null {
  try {
    return readFileSync(join(dist, STAMP), 'utf8');
  } catch {
    return null;
  }
}

/** Assets of earlier builds are removed once this old: a build running at the same time may still be naming its own. */
const STALE_ASSET_MS = 60 * 60 * 1000;

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
  const signature = sourceSignature(directory.source);
  if (!options.force && builtFrom(directory.dist) === signature) return { state: 'up-to-date' };
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
    const modified = statSync(join(assets, stale), { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (!outputs.includes(stale) && modified < Date.now() - STALE_ASSET_MS) rmSync(join(assets, stale), { force: true });
  }
  writeAtomically(join(directory.dist, STAMP), signature);
  const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  return { state: 'built', ms: Date.now() - started, bytes };
}
