import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's own directory (the one holding package.json), whether run from src/ with tsx or from dist/. */
export function packageRoot(from = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}

/** Where the console's sources (`web/src`) and its build (`web/dist`) live. */
export interface ConsoleDirectory {
  source: string;
  dist: string;
}

export function consoleDirectory(webDirectory = join(packageRoot(), 'web')): ConsoleDirectory {
  return { source: join(webDirectory, 'src'), dist: join(webDirectory, 'dist') };
}
