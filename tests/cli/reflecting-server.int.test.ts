/**
 * A hostile server on 127.0.0.1 that reflects the Authorization header back (issue 11, item 7), in
 * every form seen leaking: raw, base64 unpadded and URL-safe, URL-encoded (`Basic%20…%3D`), hex,
 * spaced out, split over two messages, in Jira's JSON error fields and in a non-JSON body. No piece
 * of the credential (8+ characters of the token, or of its base64 or hex) may reach stderr, the
 * JSON or text output, or the `--export` file.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cli, REPO_ROOT, tempDir } from './harness';

const EMAIL = 'dev@example.com';
const TOKEN = 'ATATT3xFfGF0-reflected-Q9zk7';
const PAIR_BASE64 = Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64');
const SEED = join(REPO_ROOT, 'examples/postgres-to-crdb.md');

/** How the server spells the header it received. */
const FORMS: Record<string, (header: string) => string> = {
  raw: (header) => header,
  'base64 unpadded': (header) => header.replace(/^Basic /, '').replace(/=+$/, ''),
  base64url: (header) => Buffer.from(Buffer.from(header.replace(/^Basic /, ''), 'base64')).toString('base64url'),
  'URL-encoded': (header) => encodeURIComponent(header),
  hex: (header) => Buffer.from(header).toString('hex'),
  'hex of the decoded pair': (header) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('hex').toUpperCase(),
  'decoded pair': (header) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8'),
  'spaced out': (header) => header.split('').join(' '),
};

/** How the server puts the spelled header into its 400 answer. */
const BODIES: Record<string, (reflected: string) => { type: string; body: string }> = {
  errorMessages: (reflected) => ({ type: 'application/json', body: JSON.stringify({ errorMessages: [`Bad header ${reflected}`], errors: {} }) }),
  'split over two messages': (reflected) => {
    const cut = Math.floor(reflected.length / 2);
    return { type: 'application/json', body: JSON.stringify({ errorMessages: [reflected.slice(0, cut), reflected.slice(cut)], errors: {} }) };
  },
  'errors field': (reflected) => ({ type: 'application/json', body: JSON.stringify({ errorMessages: [], errors: { summary: reflected } }) }),
  'non-JSON body': (reflected) => ({ type: 'text/html', body: `<html><body><p>Your request (${reflected.length} chars):</p><pre>${reflected}</pre></body></html>` }),
};

let server: Server;
let url = '';
let reflect: (header: string) => { type: string; body: string } = () => ({ type: 'text/plain', body: '' });

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = reflect(req.headers.authorization ?? '');
    res.writeHead(400, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/**
 * Every 8-character piece of the credential's forms found in `text`, looked for with spaces removed
 * and URL escapes decoded (hex in either case). Pieces that only spell the email are no secret.
 */
function leaks(text: string): string[] {
  const plain = decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')).replace(/\s/g, '');
  const hex = (value: string): string => Buffer.from(value).toString('hex');
  const emailBase64 = Math.floor(`${EMAIL}:`.length / 3) * 4;
  const forms: { value: string; emailPrefix: number }[] = [
    { value: TOKEN, emailPrefix: 0 },
    { value: hex(TOKEN), emailPrefix: 0 },
    { value: PAIR_BASE64.replace(/=+$/, ''), emailPrefix: emailBase64 },
    { value: Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64url'), emailPrefix: emailBase64 },
    { value: hex(`${EMAIL}:${TOKEN}`), emailPrefix: 2 * `${EMAIL}:`.length },
    { value: hex(PAIR_BASE64), emailPrefix: 2 * emailBase64 },
  ];
  const found: string[] = [];
  for (const form of forms) {
    const caseless = /^[0-9a-f]+$/.test(form.value);
    for (let start = 0; start + 8 <= form.value.length; start++) {
      if (start + 8 <= form.emailPrefix) continue;
      const piece = form.value.slice(start, start + 8);
      if (caseless ? plain.toLowerCase().includes(piece) : plain.includes(piece)) found.push(piece);
    }
  }
  return found;
}

const cases = Object.keys(FORMS).flatMap((form) => Object.keys(BODIES).map((body) => [form, body] as const));

test.each(cases)('header reflected %s in %s: no piece of the token in stderr, output or --export', async (form, body) => {
  reflect = (header) => BODIES[body]?.(FORMS[form]?.(header) ?? header) ?? { type: 'text/plain', body: '' };
  const { dir, cleanup } = tempDir();
  try {
    const exportPath = join(dir, 'out.json');
    const env = { JIRA_URL: url, JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN };
    const json = await cli(['-m', SEED, '-e', 'INFRA-100', '--output', 'json', '--export', exportPath, '-v'], { env });
    const text = await cli(['-m', SEED, '-e', 'INFRA-100', '-v'], { env });
    // The run fails on the first answer; what it says must still be useful.
    expect(json.code).not.toBe(0);
    expect(json.stdout + json.stderr).toMatch(/HTTP 400/);
    const everything = [json.stdout, json.stderr, text.stdout, text.stderr, readFileSync(exportPath, 'utf8')].join('\n');
    expect(leaks(everything)).toEqual([]);
  } finally {
    cleanup();
  }
}, 30_000);

test('the leak check finds what an unredacted reflection shows', () => {
  expect(leaks(`x ${encodeURIComponent(`Basic ${PAIR_BASE64}`)} y`).length).toBeGreaterThan(0);
  expect(leaks(TOKEN.split('').join(' ')).length).toBeGreaterThan(0);
  expect(leaks(Buffer.from(TOKEN).toString('hex').toUpperCase()).length).toBeGreaterThan(0);
  expect(leaks(`signed in as ${EMAIL}`)).toEqual([]);
});
