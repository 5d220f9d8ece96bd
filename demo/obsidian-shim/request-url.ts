/**
 * `requestUrl`: Obsidian's HTTP call, made outside the page so CORS does not apply. The sandbox
 * sends same-origin requests (the embedded Jira) with `fetch`, and any other URL through the
 * sandbox server's relay (`POST /sandbox/request-url`), which makes the request from Node.
 * `throw: false` returns every status; the default (`throw: true`) rejects on 400 and above.
 */

/** Obsidian's `RequestUrlParam`. */
export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

/** Obsidian's `RequestUrlResponse`. */
export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  text: string;
  json: unknown;
}

/** Where the sandbox server relays requests to other origins. */
export const RELAY_PATH = '/sandbox/request-url';

interface RelayReply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

function respond(reply: RelayReply): RequestUrlResponse {
  const buffer = new TextEncoder().encode(reply.text).buffer;
  return {
    status: reply.status,
    headers: reply.headers,
    arrayBuffer: buffer,
    text: reply.text,
    get json(): unknown {
      return JSON.parse(reply.text) as unknown;
    },
  };
}

async function direct(request: RequestUrlParam, headers: Record<string, string>): Promise<RelayReply> {
  const response = await fetch(request.url, { method: request.method ?? 'GET', headers, body: request.body, credentials: 'omit', cache: 'no-store' });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => { out[name] = value; });
  return { status: response.status, headers: out, text: await response.text() };
}

async function relayed(request: RequestUrlParam, headers: Record<string, string>): Promise<RelayReply> {
  const body = typeof request.body === 'string' || request.body === undefined ? request.body : new TextDecoder().decode(request.body);
  const response = await fetch(RELAY_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: request.url, method: request.method ?? 'GET', headers, body }),
  });
  if (!response.ok) throw new Error(`net::ERR_FAILED (${await response.text()})`);
  return (await response.json()) as RelayReply;
}

/** Makes the request; see the file comment. */
export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const param = typeof request === 'string' ? { url: request } : request;
  const headers = { ...(param.headers ?? {}) };
  if (param.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = param.contentType;
  const target = new URL(param.url, window.location.href);
  const reply = target.origin === window.location.origin ? await direct(param, headers) : await relayed(param, headers);
  if (param.throw !== false && reply.status >= 400) {
    const error = new Error(`Request failed, status ${String(reply.status)}`) as Error & { status?: number };
    error.status = reply.status;
    throw error;
  }
  return respond(reply);
}
