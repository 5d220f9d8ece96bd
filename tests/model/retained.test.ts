/**
 * What a parse keeps: the model and what the next re-parse reuses, never the mdast trees it was
 * read from (kept, they held two thirds of a 2,000-story note's retained heap; nothing reads them:
 * sync converts a section's markdown, docs/sync.md).
 */
import { parseEpic, type ParseResult } from '../../src/model';
import { PARSE_CACHE } from '../../src/model/parse';
import { epicNote } from './builder';

/** Every object reachable from `root` (own properties, including non-enumerable and symbol keys). */
function reachable(root: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) stack.push((value as Record<PropertyKey, unknown>)[key]);
  }
  return seen;
}

/** True for an mdast node: a `type` and a `position` with start and end points. */
function isMdastNode(value: object): boolean {
  const node = value as { type?: unknown; position?: { start?: { offset?: unknown } } };
  return typeof node.type === 'string' && typeof node.position?.start?.offset === 'number';
}

test('a parse and its re-parse cache hold no mdast node', () => {
  const text = epicNote({
    stories: [
      { status: 'Done', points: 3, criteria: [['a', true], ['b', false]], subtasks: [{ name: 'x', status: 'Done' }] },
      { status: 'Open', criteria: [['c', false]] },
    ],
  });
  const result: ParseResult = parseEpic(text);
  expect(result[PARSE_CACHE]).toBeDefined();
  const typed = parseEpic(`${text}\nmore`, result);
  for (const parsed of [result, typed]) {
    const objects = [...reachable(parsed)];
    expect(objects.length).toBeGreaterThan(100);
    expect(objects.filter(isMdastNode)).toEqual([]);
  }
});
