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
  /** The assets the page names. */
  const namedAssets = (dist: string) => {
    const page = readFileSync(join(dist, 'index.html'), 'utf8');
    return { script: /assets\/(main-\w+\.js)/.exec(page)?.[1], stylesheet: /assets\/(main-\w+\.css)/.exec(page)?.[1] };
  };

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

  it('skips a build whose sources have not changed since, and rebuilds when one has, or one was removed', async () => {
    const directory = consoleDirectory(webDirectory);
    await buildConsole(directory);
    const before = namedAssets(directory.dist);
    expect(await buildConsole(directory)).toEqual({ state: 'up-to-date' });

    const styles = join(directory.source, 'styles.css');
    writeFileSync(styles, `${readFileSync(styles, 'utf8')}\n.added-by-test { color: red; }\n`);
    expect((await buildConsole(directory)).state).toBe('built');
    const after = namedAssets(directory.dist);
    expect(after.stylesheet).not.toBe(before.stylesheet);
    expect(after.script).toBe(before.script);

    writeFileSync(join(directory.source, 'unused.ts'), 'export const unused = 1;\n');
    expect((await buildConsole(directory)).state).toBe('built');
    rmSync(join(directory.source, 'unused.ts'));
    expect((await buildConsole(directory)).state).toBe('built');
  });

  it('keeps an earlier build’s assets for an hour (a build running beside it may still name them), then drops them', async () => {
    const directory = consoleDirectory(webDirectory);
    await buildConsole(directory);
    const styles = join(directory.source, 'styles.css');
    const earlier = assetsOf(directory.dist).find((asset) => asset.endsWith('.css')) ?? '';
    writeFileSync(styles, `${readFileSync(styles, 'utf8')}\n.added-by-test { color: red; }\n`);
    await buildConsole(directory);
    expect(assetsOf(directory.dist)).toContain(earlier);

    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(directory.dist, 'assets', earlier), twoHoursAgo, twoHoursAgo);
    await buildConsole(directory, { force: true });
    expect(assetsOf(directory.dist)).not.toContain(earlier);
    expect(assetsOf(directory.dist)).toHaveLength(2);
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
