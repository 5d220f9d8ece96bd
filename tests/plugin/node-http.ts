/** Node's http client as the sync's `Http` (jsdom has no fetch): any status resolves, no answer rejects. */
import { request } from 'node:http';
import type { Http } from '../../src/sync/http';

/** The transport of plugin and settings tests that reach a fake tracker on 127.0.0.1. */
export const nodeHttp: Http = (req) => new Promise((resolve, reject) => {
  const r = request(req.url, { method: req.method, headers: req.headers }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { text += chunk; });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), text }));
  });
  r.on('error', reject);
  if (typeof req.body === 'string') r.write(req.body);
  r.end();
});
