import { registerAndLogin } from '../../test/support/http';
import { startServer } from '../../test/support/serverProcess';

export interface BenchServer {
  url: string;
  /** The server is one process (`node --import tsx src/main.ts serve`), so this is the pid whose memory counts. */
  pid: number;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 15000;

/**
 * A real `filora serve` child process on `dataDir`, with production durability (synchronous FULL) and an
 * upload cap above `maxUploadBytes`, plus one registered user to act as.
 */
export async function startBenchServer(dataDir: string, maxUploadBytes: number): Promise<BenchServer> {
  const server = await startServer(dataDir, {
    FILORA_SQLITE_SYNCHRONOUS: 'FULL',
    FILORA_MAX_UPLOAD_BYTES: String(maxUploadBytes),
  });
  const pid = server.child.pid;
  if (pid === undefined) throw new Error('the server child process has no pid');
  const stop = async () => {
    const killer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    server.child.kill('SIGTERM');
    await server.exited;
    clearTimeout(killer);
  };
  try {
    const { token } = await registerAndLogin(server.url);
    return { url: server.url, pid, token, output: server.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs fn against a fresh server and always stops the server afterwards. */
export async function withBenchServer<T>(dataDir: string, maxUploadBytes: number, fn: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await startBenchServer(dataDir, maxUploadBytes);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}
