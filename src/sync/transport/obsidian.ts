import type { RequestUrlParam, RequestUrlResponse } from 'obsidian';
import { lowerCaseHeaders, TransportError, type Http, type HttpRequest, type HttpResponse } from '../http';

/** The shape of Obsidian's `requestUrl` this transport needs (pass `requestUrl` itself). */
export type RequestUrlFunction = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

/**
 * `Http` over Obsidian's `requestUrl`, always with `throw: false` so 4xx/5xx come back as
 * responses for the one error map (`errors.ts`) instead of as exceptions. `timeoutMs` is ignored
 * (requestUrl has none). A rejection of `requestUrl` means no response: a `TransportError`.
 */
export function obsidianHttp(requestUrl: RequestUrlFunction): Http {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    let response: RequestUrlResponse;
    try {
      response = await requestUrl({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        contentType: request.headers['Content-Type'],
        throw: false,
      });
    } catch {
      // requestUrl's own error text may quote the request; keep only the host.
      throw new TransportError({ failure: 'network', message: `Could not reach ${hostOf(request.url)}` });
    }
    return { status: response.status, headers: lowerCaseHeaders(response.headers), text: readText(response) };
  };
}

function readText(response: RequestUrlResponse): string {
  try {
    return response.text;
  } catch {
    // An empty or binary body makes the `text` getter throw on some platforms.
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the tracker';
  }
}
