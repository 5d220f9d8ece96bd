/**
 * GitHub's paging: every list answer names its next page in the `Link` header
 * (`<https://api.github.com/…&page=2>; rel="next", <…>; rel="last"`), an absolute URL.
 */

/** The URLs of a `Link` header by relation (`next`, `last`, `prev`, `first`); empty when absent. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (header === undefined) return links;
  // Entries are separated by commas outside the angle brackets (a URL may hold commas: `labels=a,b`).
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const url = match[1] ?? '';
    for (const param of (match[2] ?? '').split(';')) {
      const rel = /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param);
      if (rel === null) continue;
      for (const name of (rel[1] ?? '').split(/\s+/)) if (name !== '' && links[name] === undefined) links[name] = url;
    }
  }
  return links;
}
