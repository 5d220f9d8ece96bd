/**
 * The hash the record keeps instead of a description: FNV-1a, 64 bits, over the UTF-16 code units
 * of a canonical text. Not a security measure: it only tells "changed" from "unchanged", and a
 * collision (1 in 2^64) would at worst hide one description change until the next edit.
 */

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** `h:` + 16 lower-case hex digits of the 64-bit FNV-1a hash of `text`. */
export function textHash(text: string): string {
  let hash = OFFSET;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * PRIME) & MASK;
  }
  return `h:${hash.toString(16).padStart(16, '0')}`;
}
