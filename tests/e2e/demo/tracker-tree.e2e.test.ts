/**
 * The sandbox's tracker tree and counts (demo/tracker-tree.ts, demo/plural.ts): each issue is
 * followed by its children, every issue appears once, counts say "1 issue" and "1 pt". Pure (no
 * browser); in the e2e project because it belongs to the sandbox.
 */
import fc from 'fast-check';
import { pointsWithUnit } from '../../../src/model';
import { countOf } from '../../../demo/plural';
import { compareKeys, issueTree, type TreeIssue } from '../../../demo/tracker-tree';

const issue = (key: string, parent: string | null = null): TreeIssue => ({ key, parent });

test('subtasks follow their story, stories follow the epic, in key order', () => {
  const issues = [
    issue('INFRA-100'), issue('INFRA-101', 'INFRA-100'), issue('INFRA-102', 'INFRA-100'),
    issue('INFRA-108', 'INFRA-101'), issue('INFRA-109', 'INFRA-101'), issue('INFRA-112', 'INFRA-102'), issue('INFRA-10', 'INFRA-100'),
  ];
  const rows = issueTree([...issues].reverse()).map((row) => `${'  '.repeat(row.depth)}${row.issue.key}`);
  expect(rows).toEqual(['INFRA-100', '  INFRA-10', '  INFRA-101', '    INFRA-108', '    INFRA-109', '  INFRA-102', '    INFRA-112']);
});

test('an issue whose parent is not listed is a top-level row; a parent cycle loses no issue', () => {
  expect(issueTree([issue('A-2', 'A-9'), issue('A-1')]).map((row) => [row.issue.key, row.depth])).toEqual([['A-1', 0], ['A-2', 0]]);
  expect(issueTree([issue('A-1', 'A-2'), issue('A-2', 'A-1'), issue('A-3')]).map((row) => row.issue.key)).toEqual(['A-3', 'A-1', 'A-2']);
});

test('property: every issue appears exactly once, after its parent and one level deeper', () => {
  const forest = fc.integer({ min: 1, max: 40 }).chain((size) => fc.tuple(
    fc.constant(size),
    fc.array(fc.integer({ min: -1, max: size - 1 }), { minLength: size, maxLength: size }),
  ));
  fc.assert(fc.property(forest, ([size, parents]) => {
    // Parents point to lower numbers only (or none), as Jira's hierarchy does: no cycles.
    const issues = Array.from({ length: size }, (_, i) => issue(`P-${String(i)}`, (parents[i] ?? -1) >= 0 && (parents[i] ?? -1) < i ? `P-${String(parents[i])}` : null));
    const rows = issueTree(issues);
    expect(rows.map((row) => row.issue.key).sort(compareKeys)).toEqual(issues.map((i) => i.key).sort(compareKeys));
    rows.forEach((row, at) => {
      if (row.issue.parent === null) {
        expect(row.depth).toBe(0);
        return;
      }
      const parentAt = rows.findIndex((other) => other.issue.key === row.issue.parent);
      expect(parentAt).toBeLessThan(at);
      expect(row.depth).toBe((rows[parentAt]?.depth ?? -2) + 1);
      // Everything between the parent and this row is deeper than the parent (its subtree).
      for (const between of rows.slice(parentAt + 1, at)) expect(between.depth).toBeGreaterThan(rows[parentAt]?.depth ?? 0);
    });
  }), { numRuns: 300 });
});

test('counts take the singular for exactly one', () => {
  expect([0, 1, 2].map((n) => countOf(n, 'issue'))).toEqual(['0 issues', '1 issue', '2 issues']);
  expect(countOf(1, 'API contract violation')).toBe('1 API contract violation');
  expect([1, 0.5, 3, 0].map(pointsWithUnit)).toEqual(['1 pt', '0.5 pts', '3 pts', '0 pts']);
});

test('keys compare by project, then number', () => {
  expect(['INFRA-10', 'APP-3', 'INFRA-9', 'INFRA-100'].sort(compareKeys)).toEqual(['APP-3', 'INFRA-9', 'INFRA-10', 'INFRA-100']);
});
