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

test("every empty list of a parse's stories and section analyses is one shared, frozen array", () => {
  // Stories without commits, comments, links or labels, sections without criteria or rows: a
  // 2,000-story note had ~60,000 empty arrays of its own (32 bytes each). (The epic's own lists
  // are one of each per note.)
  const text = epicNote({
    stories: [
      { status: 'Done', points: 3, criteria: [['a', true]], subtasks: [{ name: 'x', status: 'Done' }] },
      { status: 'Open', criteria: [] },
      { status: 'Open' },
    ],
  });
  const result = parseEpic(text);
  const typed = parseEpic(`${text}\nmore`, result);
  for (const parsed of [result, typed]) {
    const empty = [...reachable([parsed.epic.stories, parsed[PARSE_CACHE]?.sections])].filter((value) => Array.isArray(value) && value.length === 0);
    expect(empty.length).toBe(1);
    expect(Object.isFrozen(empty[0])).toBe(true);
  }
  const [first, second] = result.epic.stories;
  expect(first?.commits).toBe(second?.links);
});

test("a table subtask's status range is its status cell's range, one object", () => {
  const result = parseEpic(epicNote({ stories: [{ subtasks: [{ name: 'x', status: 'Done' }, { name: 'y' }] }] }));
  const subtasks = result.epic.stories[0]?.subtasks ?? [];
  expect(subtasks).toHaveLength(2);
  for (const subtask of subtasks) {
    expect(subtask.statusField?.range).toEqual({ ...subtask.cells.status });
    expect(subtask.statusField?.range).toBe(subtask.cells.status);
  }
});
