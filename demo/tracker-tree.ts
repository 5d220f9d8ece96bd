/**
 * The tracker's issues as a tree, for the panel and the issue pages: each issue is followed by its
 * children (a story by its subtasks), children in key order. Pure: no DOM.
 */

/** What the tree needs of an issue. */
export interface TreeIssue {
  readonly key: string;
  /** The parent's key, or null for a top-level issue. */
  readonly parent: string | null;
}

/** One row of the tree: the issue and how deep it sits (0 = top level). */
export interface TreeRow<T extends TreeIssue> {
  readonly issue: T;
  readonly depth: number;
}

/** The number of an issue key (`INFRA-12` → 12); keys without one sort last. */
export function keyNumber(key: string): number {
  const number = Number(/-(\d+)$/.exec(key)?.[1]);
  return Number.isFinite(number) ? number : Number.MAX_SAFE_INTEGER;
}

/** Compares issue keys by project, then number (`INFRA-9` before `INFRA-10`). */
export function compareKeys(a: string, b: string): number {
  const project = a.replace(/-\d+$/, '').localeCompare(b.replace(/-\d+$/, ''));
  return project !== 0 ? project : keyNumber(a) - keyNumber(b) || a.localeCompare(b);
}

/**
 * Depth-first tree order. An issue whose parent is not in the list is a top-level row. Every issue
 * appears exactly once: issues caught in a parent cycle (impossible in Jira, possible in data) are
 * listed last at depth 0 instead of being lost.
 */
export function issueTree<T extends TreeIssue>(issues: readonly T[]): TreeRow<T>[] {
  const sorted = [...issues].sort((a, b) => compareKeys(a.key, b.key));
  const keys = new Set(sorted.map((issue) => issue.key));
  const children = new Map<string, T[]>();
  for (const issue of sorted) {
    if (issue.parent === null || !keys.has(issue.parent)) continue;
    const siblings = children.get(issue.parent) ?? [];
    siblings.push(issue);
    children.set(issue.parent, siblings);
  }
  const rows: TreeRow<T>[] = [];
  const placed = new Set<string>();
  const visit = (issue: T, depth: number): void => {
    if (placed.has(issue.key)) return;
    placed.add(issue.key);
    rows.push({ issue, depth });
    for (const child of children.get(issue.key) ?? []) visit(child, depth + 1);
  };
  for (const issue of sorted) if (issue.parent === null || !keys.has(issue.parent)) visit(issue, 0);
  for (const issue of sorted) visit(issue, 0);
  return rows;
}
