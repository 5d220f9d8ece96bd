/**
 * The one redactor of the plugin and the command line (docs/sync.md: a token is "never logged,
 * never written into a note, a notice, an export or an error message"). It knows the forms a
 * server may reflect a credential in: raw, base64 (padded, unpadded, URL-safe), hex, URL-encoded
 * (`Basic%20…%3D`), spaced out, and cut in pieces over several messages.
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/**
 * Shortest piece of a secret (or of one of its encodings) that is redacted on its own: a server
 * may reflect a header split over two messages. 8 characters of a random token never occur in
 * ordinary text by chance.
 */
export const MIN_SECRET_PIECE = 8;

/** Secrets shorter than this are ignored: they would redact ordinary words. No real token is. */
const MIN_SECRET_LENGTH = 4;

/**
 * Removes every secret from `text`: each value of `secrets` (a token, or `email:token`) in every
 * form above, plus anything after `Authorization:`, `Basic ` or `Bearer `. Redact whole texts
 * BEFORE cutting them: a cut may leave a piece shorter than {@link MIN_SECRET_PIECE}.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const usable = [...new Set(secrets.map((secret) => secret.trim()))].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  let result = text;
  // Whole occurrences first (also catches secrets too short for piece matching).
  for (const secret of [...usable].sort((a, b) => b.length - a.length)) result = result.split(secret).join(REDACTED);
  result = redactPieces(result, usable.flatMap(formsOf));
  return result
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"',\n]+/gi, `$1${REDACTED}`)
    .replace(/(authorization(?:%22|%27)?(?:%3A|%3D))[^"',\n&]+/gi, `$1${REDACTED}`)
    .replace(/\b(Basic|Bearer)(\s+|%20|\+)[A-Za-z0-9+/=._%-]{8,}/g, `$1$2${REDACTED}`);
}

/** The secrets of a credential: the token and, for Basic auth, `email:token` (redact derives their encodings). */
export function secretsOf(credential: { email?: string; token: string }): string[] {
  const secrets = [credential.token];
  if (credential.email !== undefined && credential.email !== '') secrets.push(`${credential.email}:${credential.token}`);
  return secrets;
}

/** Base64 of a UTF-8 string, without Node's Buffer (the plugin runs on mobile too). */
export function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of utf8Bytes(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** One string to look for, and whether letter case matters (hex does not). */
interface SecretForm {
  readonly value: string;
  /** False: compared in lower case. */
  readonly caseSensitive: boolean;
}

/**
 * The forms a secret is looked for in, pieces included. The raw `email:token` pair is left out:
 * its pieces would redact the email address everywhere, and its token part is a secret of its own.
 */
function formsOf(secret: string): SecretForm[] {
  const base64 = encodeBase64(secret);
  const forms: SecretForm[] = [
    { value: base64, caseSensitive: true },
    { value: base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), caseSensitive: true },
    { value: hexOf(secret), caseSensitive: false },
    // The header's own spelling in hex ("Basic " + base64): the base64 text's bytes.
    { value: hexOf(base64), caseSensitive: false },
  ];
  if (!isUserPair(secret)) forms.push({ value: secret, caseSensitive: true });
  return forms.filter((form) => form.value.length >= MIN_SECRET_PIECE);
}

function hexOf(text: string): string {
  return utf8Bytes(text).map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isUserPair(secret: string): boolean {
  return /^[^:\s]+@[^:\s]+:/.test(secret);
}

/** The text as compared: its characters, and for each the span of the original text it came from. */
interface ComparableText {
  readonly chars: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/**
 * The text as a server's reflection is compared: `%XX` escapes decoded (URL encoding) and white
 * space dropped (a spaced-out secret), each character remembering where it came from.
 */
function comparableText(text: string): ComparableText {
  const codes = new Uint16Array(text.length);
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Space, tab, line breaks, no-break space: what spaces a secret out.
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0) continue;
    from[count] = index;
    const high = hexValue(text.charCodeAt(index + 1));
    const low = hexValue(text.charCodeAt(index + 2));
    if (code === 0x25 && high >= 0 && low >= 0) {
      codes[count] = high * 16 + low;
      index += 2;
    } else {
      codes[count] = code;
    }
    to[count] = index + 1;
    count++;
  }
  const chunks: string[] = [];
  // fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let start = 0; start < count; start += 4096) chunks.push(String.fromCharCode(...codes.subarray(start, Math.min(count, start + 4096))));
  return { chars: chunks.join(''), from: from.subarray(0, count), to: to.subarray(0, count) };
}

/** The value of a hex digit's character code, or -1. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

const HASH_BASE = 131;
/** HASH_BASE to the power MIN_SECRET_PIECE - 1, in 32-bit arithmetic. */
const HASH_TOP = Array.from({ length: MIN_SECRET_PIECE - 1 }).reduce<number>((power) => Math.imul(power, HASH_BASE), 1);

/** Hash of the MIN_SECRET_PIECE characters of `text` from `start` (32-bit, polynomial). */
function windowHash(text: string, start: number): number {
  let hash = 0;
  for (let index = start; index < start + MIN_SECRET_PIECE && index < text.length; index++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(index)) | 0;
  return hash;
}

/** The hash of the window one character on: `leaving` drops out, `entering` comes in. */
function rollHash(hash: number, leaving: number, entering: number): number {
  return (Math.imul((hash - Math.imul(leaving, HASH_TOP)) | 0, HASH_BASE) + entering) | 0;
}

/**
 * Replaces every run of the text (compared as {@link comparableText}) that is a piece of at least
 * {@link MIN_SECRET_PIECE} characters of one of `forms`.
 */
function redactPieces(text: string, forms: readonly SecretForm[]): string {
  if (forms.length === 0) return text;
  const { chars, from, to } = comparableText(text);
  const lowered = chars.toLowerCase();
  // Every MIN_SECRET_PIECE-long window of every form, by a rolling hash of its characters (the
  // text is scanned once without cutting strings); a hit is checked, then extended as far as it goes.
  const exact = new Map<number, string[]>();
  const caseless = new Map<number, string[]>();
  for (const form of forms) {
    const value = form.caseSensitive ? form.value : form.value.toLowerCase();
    const windows = form.caseSensitive ? exact : caseless;
    for (let start = 0; start + MIN_SECRET_PIECE <= value.length; start++) {
      const key = windowHash(value, start);
      const list = windows.get(key) ?? [];
      if (!list.includes(value)) list.push(value);
      windows.set(key, list);
    }
  }
  const spans: { from: number; to: number }[] = [];
  let covered = 0;
  const scans = [{ windows: exact, source: chars, hash: windowHash(chars, 0) }, { windows: caseless, source: lowered, hash: windowHash(lowered, 0) }];
  for (let start = 0; start + MIN_SECRET_PIECE <= chars.length; start++) {
    let end = start;
    for (const scan of scans) {
      if (start > 0) scan.hash = rollHash(scan.hash, scan.source.charCodeAt(start - 1), scan.source.charCodeAt(start + MIN_SECRET_PIECE - 1));
      const candidates = scan.windows.get(scan.hash);
      if (candidates === undefined) continue;
      const piece = scan.source.slice(start, start + MIN_SECRET_PIECE);
      for (const value of candidates) {
        if (!value.includes(piece)) continue;
        let stop = start + MIN_SECRET_PIECE;
        while (stop < scan.source.length && value.includes(scan.source.slice(start, stop + 1))) stop++;
        end = Math.max(end, stop);
      }
    }
    if (end > start && end > covered) {
      spans.push({ from: from[start] ?? 0, to: to[end - 1] ?? 0 });
      covered = end;
    }
  }
  if (spans.length === 0) return text;
  // Overlapping and touching spans become one replacement.
  const merged: { from: number; to: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  let result = '';
  let position = 0;
  for (const span of merged) {
    result += text.slice(position, span.from) + REDACTED;
    position = span.to;
  }
  return result + text.slice(position);
}

/** UTF-8 bytes (by hand: jsdom has no TextEncoder); a lone surrogate counts as U+FFFD, as TextEncoder does. */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) ?? 0xfffd;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}
