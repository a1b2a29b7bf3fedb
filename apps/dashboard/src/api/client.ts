import { readSession } from './session';

/** An API answer that is not 2xx; `status` 401/403 drive the sign-in and access pages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON resource of the Plumbline API with the session's bearer token. */
export async function getJson<T>(path: string): Promise<T> {
  const session = readSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new ApiError(res.status, body?.message ?? body?.errors?.[0]?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

/** A URL with the session token for downloads (CSV) that the browser fetches itself. */
export async function download(path: string, filename: string): Promise<void> {
  const session = readSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
