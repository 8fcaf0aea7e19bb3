import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole } from '../../../src/web/consoleBuild';
import { consoleDirectory } from '../../../src/web/consoleDirectory';

/** The budget for the whole console, gzipped. */
const BUNDLE_BUDGET_BYTES = 150 * 1024;

describe('buildConsole', () => {
  let webDirectory: string;
  beforeEach(() => {
    webDirectory = mkdtempSync(join(tmpdir(), 'filora-console-'));
    cpSync(consoleDirectory().source, join(webDirectory, 'src'), { recursive: true });
  });
  afterEach(() => rmSync(webDirectory, { recursive: true, force: true }));

  const assetsOf = (dist: string) => readdirSync(join(dist, 'assets')).sort();

  it('bundles the sources into hashed assets that index.html names, within the size budget', async () => {
    const directory = consoleDirectory(webDirectory);
    const outcome = await buildConsole(directory);
    expect(outcome.state).toBe('built');
    const assets = assetsOf(directory.dist);
    expect(assets).toHaveLength(2);
    expect(assets).toEqual(
      expect.arrayContaining([expect.stringMatching(/^main-[A-Z0-9]{8}\.css$/), expect.stringMatching(/^main-[A-Z0-9]{8}\.js$/)]),
    );
    const page = readFileSync(join(directory.dist, 'index.html'), 'utf8');
    for (const asset of assets) expect(page).toContain(`/app/assets/${asset}`);
    const gzipped = assets.reduce((sum, asset) => sum + gzipSync(readFileSync(join(directory.dist, 'assets', asset))).byteLength, 0);
    expect(gzipped).toBeLessThan(BUNDLE_BUDGET_BYTES);
  });

  it('skips a build whose sources have not changed since, and rebuilds (dropping the old assets) when one has', async () => {
    const directory = consoleDirectory(webDirectory);
    await buildConsole(directory);
    const before = assetsOf(directory.dist);
    expect(await buildConsole(directory)).toEqual({ state: 'up-to-date' });

    const styles = join(directory.source, 'styles.css');
    writeFileSync(styles, `${readFileSync(styles, 'utf8')}\n.added-by-test { color: red; }\n`);
    const later = new Date(Date.now() + 5000);
    utimesSync(styles, later, later);
    expect((await buildConsole(directory)).state).toBe('built');
    const after = assetsOf(directory.dist);
    expect(after).toHaveLength(2);
    expect(after.find((asset) => asset.endsWith('.css'))).not.toBe(before.find((asset) => asset.endsWith('.css')));
    expect(after.find((asset) => asset.endsWith('.js'))).toBe(before.find((asset) => asset.endsWith('.js')));
  });

  it('serves what a production image shipped when there are no sources, and says when there is nothing at all', async () => {
    const shipped = join(webDirectory, 'shipped');
    mkdirSync(join(shipped, 'dist'), { recursive: true });
    writeFileSync(join(shipped, 'dist', 'index.html'), '<!doctype html>');
    expect(await buildConsole(consoleDirectory(shipped))).toEqual({ state: 'prebuilt' });
    expect(await buildConsole(consoleDirectory(join(webDirectory, 'nothing')))).toEqual({ state: 'missing' });
  });

  it('fails with esbuild’s message on a source that does not parse, and leaves the last good build in place', async () => {
    const directory = consoleDirectory(webDirectory);
    await buildConsole(directory);
    const page = readFileSync(join(directory.dist, 'index.html'), 'utf8');
    writeFileSync(join(directory.source, 'main.tsx'), 'export const broken = ;');
    await expect(buildConsole(directory, { force: true })).rejects.toThrow(/main\.tsx/);
    expect(readFileSync(join(directory.dist, 'index.html'), 'utf8')).toBe(page);
    expect(existsSync(join(directory.dist, 'assets'))).toBe(true);
  });
});
