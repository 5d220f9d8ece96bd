/**
 * The fake's JQL subset on its own: the parser never fails with anything but a JqlError, and a
 * random AND/OR tree printed as JQL selects exactly what a direct evaluation of the tree selects.
 */
import fc from 'fast-check';
import { compileJql, type JqlSite } from '../../testing/fake-jira/jql-evaluator';
import { JqlError, parseJql } from '../../testing/fake-jira/jql-parser';
import type { FakeIssue } from '../../testing/fake-jira/types';

const LABELS = ['alpha', 'beta', 'gamma', 'spectryn-us-001'];

function issue(n: number, labels: string[], parent: string | null, issueType = 'Story'): FakeIssue {
  const stamp = new Date(Date.UTC(2026, 0, 1, 0, 0, 100 - n)).toISOString();
  return { key: `INFRA-${n}`, id: String(10000 + n), issueType, summary: `S${n}`, description: null, status: 'Backlog', priority: null, labels, parent, storyPoints: null, comments: [], fields: {}, created: stamp, updated: stamp };
}

const ISSUES: FakeIssue[] = [
  issue(100, [], null, 'Epic'),
  ...Array.from({ length: 12 }, (_, i) => issue(101 + i, LABELS.filter((_, l) => ((i + 1) >> l) & 1), i < 8 ? 'INFRA-100' : null)),
  issue(113, ['beta'], 'INFRA-101', 'Sub-task'),
];

const SITE: JqlSite = {
  projectKey: 'INFRA',
  projectId: '10000',
  projectName: 'INFRA project',
  issueTypes: [{ id: '10000', name: 'Epic' }, { id: '10001', name: 'Story' }, { id: '10003', name: 'Sub-task' }],
  findIssue: (keyOrId) => ISSUES.find((i) => i.key === keyOrId.toUpperCase() || i.id === keyOrId),
  epicOf: (i) => (i.parent === 'INFRA-100' ? 'INFRA-100' : null),
};

function run(jql: string): string[] {
  const compiled = compileJql(parseJql(jql), SITE);
  return ISSUES.filter((i) => compiled.matches(i)).sort((a, b) => compiled.compare(a, b)).map((i) => i.key);
}

type Tree = { leaf: 'labels' | 'parent' | 'key'; values: string[] } | { op: 'AND' | 'OR'; parts: Tree[] };

const quote = (v: string, style: number): string => (style === 0 ? v : style === 1 ? `"${v}"` : `'${v}'`);

function print(tree: Tree, style: number): string {
  if ('leaf' in tree) {
    const field = tree.leaf === 'key' ? 'KEY' : tree.leaf;
    return tree.values.length === 1 && style !== 2
      ? `${field} = ${quote(tree.values[0] ?? '', style)}`
      : `${field} in (${tree.values.map((v) => quote(v, style)).join(', ')})`;
  }
  return `(${tree.parts.map((p) => print(p, style)).join(` ${style === 1 ? tree.op.toLowerCase() : tree.op} `)})`;
}

function evaluate(tree: Tree, target: FakeIssue): boolean {
  if ('leaf' in tree) {
    if (tree.leaf === 'labels') return target.labels.some((l) => tree.values.includes(l));
    if (tree.leaf === 'parent') return target.parent !== null && tree.values.includes(target.parent);
    return tree.values.includes(target.key);
  }
  return tree.op === 'AND' ? tree.parts.every((p) => evaluate(p, target)) : tree.parts.some((p) => evaluate(p, target));
}

const keyArb = fc.integer({ min: 100, max: 113 }).map((n) => `INFRA-${n}`);
const leafArb: fc.Arbitrary<Tree> = fc.oneof(
  fc.record({ leaf: fc.constant('labels' as const), values: fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ leaf: fc.constant('parent' as const), values: fc.array(fc.constantFrom('INFRA-100', 'INFRA-101'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ leaf: fc.constant('key' as const), values: fc.array(keyArb, { minLength: 1, maxLength: 4 }) }),
);
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ op: fc.constantFrom('AND' as const, 'OR' as const), parts: fc.array(tie('tree'), { minLength: 2, maxLength: 3 }) }),
  ),
})).tree;

describe('JQL subset', () => {
  test('a printed random AND/OR tree selects what the tree selects, in key order', () => {
    fc.assert(
      fc.property(treeArb, fc.integer({ min: 0, max: 2 }), (tree, style) => {
        const expected = ISSUES.filter((i) => evaluate(tree, i)).map((i) => i.key);
        expect(run(print(tree, style))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('any text either parses or fails with a JqlError in Jira words', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-z =(),"'IN]{0,30}$/)), (text) => {
        try {
          parseJql(text);
        } catch (error) {
          expect(error).toBeInstanceOf(JqlError);
          expect((error as Error).message).toMatch(/^Error in the JQL Query: /);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('ORDER BY key and created, both directions; precedence of AND over OR', () => {
    expect(run('parent = INFRA-101 OR key = INFRA-100 ORDER BY key DESC')).toEqual(['INFRA-113', 'INFRA-100']);
    // created runs backwards here (higher number, earlier stamp)
    expect(run('key in (INFRA-102, INFRA-105, INFRA-103) ORDER BY created')).toEqual(['INFRA-105', 'INFRA-103', 'INFRA-102']);
    expect(run('key in (INFRA-102, INFRA-105, INFRA-103) ORDER BY created DESC, key')).toEqual(['INFRA-102', 'INFRA-103', 'INFRA-105']);
    expect(run('key = INFRA-100 OR key = INFRA-101 AND labels = beta')).toEqual(['INFRA-100']);
    expect(run('(key = INFRA-100 OR key = INFRA-102) AND labels = beta')).toEqual(['INFRA-102']);
    expect(run('"Epic Link" = INFRA-100 AND labels = gamma')).toEqual(['INFRA-104', 'INFRA-105', 'INFRA-106', 'INFRA-107']);
  });

  test('unknown values are errors, not empty results', () => {
    expect(() => run('parent = INFRA-999')).toThrow("An issue with key 'INFRA-999' does not exist for field 'parent'.");
    expect(() => run('key = notakey')).toThrow("The issue key 'notakey' for field 'key' is invalid.");
    expect(() => run('project = NOPE')).toThrow("The value 'NOPE' does not exist for the field 'project'.");
    expect(() => run('issuetype = Bug')).toThrow("The value 'Bug' does not exist for the field 'issuetype'.");
    expect(() => run('key = INFRA-101 ORDER BY summary')).toThrow('Ordering by');
  });
});
