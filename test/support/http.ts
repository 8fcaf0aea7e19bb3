/** A small JSON client over real HTTP (Node's fetch). */
export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string | Buffer } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

let counter = 0;
export function uniqueUser(prefix = 'user') {
  counter++;
  const suffix = `${Date.now().toString(36)}${counter}`;
  return {
    username: `${prefix}_${suffix}`,
    email: `${prefix}.${suffix}@example.com`,
    password: 'correct horse battery',
    display_name: `${prefix} ${suffix}`,
  };
}

export async function registerAndLogin(url: string, user = uniqueUser()) {
  const registered = await call(url, 'POST', '/api/v1/auth/register', { body: user });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const login = await call<{ access_token: string; refresh_token: string; user_id: string }>(url, 'POST', '/api/v1/auth/login', {
    body: { username: user.username, password: user.password },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { user, id: login.body.user_id, token: login.body.access_token, refreshToken: login.body.refresh_token };
}
