import { call, registerAndLogin } from '../../test/support/http';
import { startServer } from '../../test/support/serverProcess';

export interface BenchUser {
  username: string;
  password: string;
}

export interface BenchServer {
  url: string;
  /** The server is one process (`node --import tsx src/main.ts serve`), so this is the pid whose memory counts. */
  pid: number;
  /** Who the server is used as; pass it to a server started again on the same data dir. */
  user: BenchUser;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

async function logIn(url: string, user: BenchUser): Promise<{ user: BenchUser; token: string }> {
  const login = await call<{ access_token: string }>(url, 'POST', '/api/v1/auth/login', {
    body: { username: user.username, password: user.password },
  });
  if (login.status !== 200) throw new Error(`login of ${user.username} answered ${login.status}`);
  return { user, token: login.body.access_token };
}

const STOP_TIMEOUT_MS = 15000;

/**
 * A real `filora serve` child process on `dataDir`, with production durability (synchronous FULL) and an
 * upload cap above `maxUploadBytes`, plus one user to act as: `user` when given, else a newly registered one.
 */
export async function startBenchServer(dataDir: string, maxUploadBytes: number, user?: BenchUser): Promise<BenchServer> {
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
    const session = user ? await logIn(server.url, user) : await registerAndLogin(server.url);
    const { username, password } = session.user;
    return { url: server.url, pid, user: { username, password }, token: session.token, output: server.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs fn against a server started on `dataDir` (see startBenchServer) and always stops the server afterwards. */
export async function withBenchServer<T>(
  dataDir: string,
  maxUploadBytes: number,
  fn: (server: BenchServer) => Promise<T>,
  user?: BenchUser,
): Promise<T> {
  const server = await startBenchServer(dataDir, maxUploadBytes, user);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}
