import sqlite3 from 'sqlite3';

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/** The `synchronous` setting a fresh connection of the `sqlite3` driver (the one Emmett opens per call) has on `path`. */
export function emmettSynchronous(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (openError) => {
      if (openError) return reject(openError);
      db.get<{ synchronous: number }>('PRAGMA synchronous', (error, row) => {
        db.close();
        if (error) return reject(error);
        resolve(SYNCHRONOUS_NAMES[row.synchronous] ?? String(row.synchronous));
      });
    });
  });
}
