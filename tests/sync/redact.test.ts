import fc from 'fast-check';
import { encodeBase64, MIN_SECRET_PIECE, redact, secretsOf } from '../../src/sync/redact';

const EMAIL = 'dev@example.com';
const TOKEN = 'ATATT3xFfGF0T9kq-secret-Zz81';
const secrets = secretsOf({ email: EMAIL, token: TOKEN });
const pair = `${EMAIL}:${TOKEN}`;
const hex = (text: string): string => Buffer.from(text).toString('hex');

// Every form a reflecting server was seen to use (issue 11, item 7), the pair's and the token's.
const reflections: [string, string][] = [
  ['raw token', TOKEN],
  ['raw pair', pair],
  ['base64 padded', encodeBase64(pair)],
  ['base64 unpadded', encodeBase64(pair).replace(/=+$/, '')],
  ['base64url', Buffer.from(pair).toString('base64url')],
  ['URL-encoded header', encodeURIComponent(`Basic ${encodeBase64(pair)}`)],
  ['URL-encoded, lower-case escapes', encodeURIComponent(encodeBase64(pair)).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
  ['URL-encoded token', encodeURIComponent(TOKEN).replace(/-/g, '%2D')],
  ['hex', hex(pair)],
  ['HEX', hex(pair).toUpperCase()],
  ['hex of the token, spaced bytes', hex(TOKEN).replace(/(..)/g, '$1 ').trim()],
  ['spaced out', TOKEN.split('').join(' ')],
  ['spaced out base64', encodeBase64(pair).split('').join(' ')],
];

test.each(reflections)('%s: no piece of the secret survives', (_name, reflected) => {
  const text = `Bad request: header was ${reflected}; try again`;
  const result = redact(text, secrets);
  expect(result).toContain('[redacted]');
  expect(result.startsWith('Bad request: header was ')).toBe(true);
  expect(result.endsWith('; try again')).toBe(true);
  const plain = result.replace(/\s/g, '');
  for (const secretForm of [TOKEN, encodeBase64(pair).replace(/=+$/, ''), hex(TOKEN)]) {
    for (let start = 0; start + MIN_SECRET_PIECE <= secretForm.length; start++) {
      expect(plain).not.toContain(secretForm.slice(start, start + MIN_SECRET_PIECE));
    }
  }
});

test('a secret split over two messages is redacted in both halves', () => {
  const basic = encodeBase64(pair);
  const cut = Math.floor(basic.length / 2);
  const result = redact(`first: ${basic.slice(0, cut)}\nsecond: ${basic.slice(cut)}`, secrets);
  expect(result).toBe('first: [redacted]\nsecond: [redacted]');
});

test('ordinary text, the email and the site stay', () => {
  const text = `Signed in as ${EMAIL} at https://example.atlassian.net; Basic facts; 2 issues created.`;
  expect(redact(text, secrets)).toBe(text);
});

test('the Authorization header is redacted whatever follows it', () => {
  expect(redact('Authorization: Basic whatever-it-is', [])).toBe('Authorization: [redacted]');
  expect(redact('authorization%3DBasic%20abcdefgh12', [])).toBe('authorization%3D[redacted]');
  expect(redact('Bearer abcdefghijkl', [])).toBe('Bearer [redacted]');
});

test('property: any token of 8+ characters embedded anywhere, raw or in base64, is gone', () => {
  const tokenChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''));
  fc.assert(fc.property(fc.string({ unit: tokenChars, minLength: 12, maxLength: 40 }), fc.string(), fc.string(), fc.boolean(), (token, before, after, base64) => {
    const reflected = base64 ? encodeBase64(`${EMAIL}:${token}`) : token;
    const result = redact(`${before}${reflected}${after}`, secretsOf({ email: EMAIL, token }));
    expect(result).not.toContain(reflected);
    expect(result).not.toContain(token);
  }));
});
