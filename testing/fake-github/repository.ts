/**
 * The fake repository's state and GitHub's rules over it: issues and pull requests sharing one
 * number sequence (ids are separate, large and never equal to numbers), labels created on first
 * use (case-insensitive names), closing with a state reason, and sub-issues (one parent per issue,
 * at most 100 sub-issues per parent, no pull requests, no cycles). No HTTP here.
 */
import type { FakeGitHubIssue, FakeGitHubLabel, FakeGitHubSeed, TeammateChange } from './types';

/** GitHub's limit of sub-issues under one parent. */
export const MAX_SUB_ISSUES = 100;

/** The labels a new GitHub repository starts with (name, colour, description). */
const DEFAULT_LABELS: readonly [string, string, string][] = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['enhancement', 'a2eeef', 'New feature or request'],
];

/** A broken GitHub rule: the API answers 422 with this message (and field/code when given). */
export class RuleError extends Error {
  constructor(message: string, readonly code: string = 'custom', readonly field?: string, readonly resource = 'Issue') {
    super(message);
  }
}

/** GitHub's timestamps: ISO 8601 in whole seconds, `Z`. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type StateReason = FakeGitHubIssue['stateReason'];

/** An edit through the REST API (`PATCH issues/{n}`) or the web UI. */
export interface IssueEdit {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: StateReason;
  labels?: string[];
}

/** Issues, pull requests and labels of one repository. */
export class Repository {
  readonly issues = new Map<number, FakeGitHubIssue>();
  readonly labels = new Map<string, FakeGitHubLabel>();
  private nextNumber = 1;
  // Issue ids on github.com are in the billions and unrelated to numbers; a stride keeps them apart.
  private nextId = 2_147_483_701;
  private nextLabelId = 6_100_000_001;

  constructor(private readonly now: () => Date) {
    for (const [name, color, description] of DEFAULT_LABELS) this.addLabel(name, color, description, true);
  }

  /** A label by name, case-insensitively (GitHub's label names are). */
  label(name: string): FakeGitHubLabel | undefined {
    return this.labels.get(name.toLowerCase());
  }

  /** Create a repository label (`POST labels`); 422 `already_exists` when the name is taken. */
  createLabel(name: string, color?: string, description?: string | null): FakeGitHubLabel {
    if (name.trim() === '') throw new RuleError('Validation Failed', 'missing_field', 'name', 'Label');
    if (this.label(name)) throw new RuleError('Validation Failed', 'already_exists', 'name', 'Label');
    return this.addLabel(name, color ?? 'ededed', description ?? null, false);
  }

  /** The label names as stored (existing labels keep their spelling; unknown ones are created, as GitHub does). */
  resolveLabels(names: readonly string[]): string[] {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.trim();
      if (name === '') continue;
      const existing = this.label(name) ?? this.addLabel(name, 'ededed', null, false);
      if (!out.some((n) => n.toLowerCase() === existing.name.toLowerCase())) out.push(existing.name);
    }
    return out;
  }

  /** A new issue or pull request with the next number. */
  create(seed: FakeGitHubSeed): FakeGitHubIssue {
    if (seed.title.trim() === '') throw new RuleError('Validation Failed', 'missing_field', 'title');
    const at = stamp(this.now());
    const closed = seed.state === 'closed';
    const issue: FakeGitHubIssue = {
      id: this.nextId,
      nodeId: `I_kwDOfake${this.nextId.toString(36)}`,
      number: this.nextNumber,
      title: seed.title,
      body: seed.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: seed.stateReason !== undefined ? seed.stateReason : closed ? 'completed' : null,
      labels: this.resolveLabels(seed.labels ?? []),
      pullRequest: seed.pullRequest === true,
      parent: null,
      subIssues: [],
      createdAt: at,
      updatedAt: at,
      closedAt: closed ? at : null,
    };
    this.nextNumber += 1;
    this.nextId += 7_919;
    this.issues.set(issue.number, issue);
    if (seed.parent !== undefined) this.addSubIssue(seed.parent, issue.id, false);
    return issue;
  }

  /** The issue with database id `id`, if any. */
  byId(id: number): FakeGitHubIssue | undefined {
    for (const issue of this.issues.values()) if (issue.id === id) return issue;
    return undefined;
  }

  /**
   * Apply an edit; `updated_at` moves only when something changed. Closing without a reason means
   * `completed`; reopening sets `reopened`; a closing reason on an open issue that stays open is
   * ignored (GitHub keeps the issue open).
   */
  edit(issue: FakeGitHubIssue, edit: IssueEdit): FakeGitHubIssue {
    const before = JSON.stringify(issue);
    if (edit.title !== undefined) {
      if (edit.title.trim() === '') throw new RuleError('Validation Failed', 'missing_field', 'title');
      issue.title = edit.title;
    }
    if (edit.body !== undefined) issue.body = edit.body;
    if (edit.labels !== undefined) issue.labels = this.resolveLabels(edit.labels);
    const at = stamp(this.now());
    const state = edit.state ?? issue.state;
    if (state === 'closed') {
      if (issue.state === 'open') issue.closedAt = at;
      const reason = edit.stateReason === undefined || edit.stateReason === null || edit.stateReason === 'reopened' ? (issue.state === 'closed' ? issue.stateReason : 'completed') : edit.stateReason;
      issue.state = 'closed';
      issue.stateReason = reason;
    } else if (issue.state === 'closed') {
      issue.state = 'open';
      issue.stateReason = 'reopened';
      issue.closedAt = null;
    }
    if (JSON.stringify(issue) !== before) this.touch(issue);
    return issue;
  }

  /** A teammate's change in the web UI. */
  teammateChange(number: number, change: TeammateChange): FakeGitHubIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`fake GitHub: no issue #${number}`);
    let labels = change.labels ?? [...issue.labels];
    if (change.addLabels) labels = [...labels, ...change.addLabels];
    if (change.removeLabels) {
      const gone = new Set(change.removeLabels.map((l) => l.toLowerCase()));
      labels = labels.filter((l) => !gone.has(l.toLowerCase()));
    }
    return this.edit(issue, { title: change.title, body: change.body, state: change.state, stateReason: change.stateReason, labels });
  }

  /** Add label names to an issue (`POST issues/{n}/labels`). */
  addLabels(issue: FakeGitHubIssue, names: readonly string[]): void {
    this.edit(issue, { labels: [...issue.labels, ...names] });
  }

  /** Remove one label; false when the issue does not carry it (GitHub answers 404 "Label does not exist"). */
  removeLabel(issue: FakeGitHubIssue, name: string): boolean {
    const kept = issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
    if (kept.length === issue.labels.length) return false;
    this.edit(issue, { labels: kept });
    return true;
  }

  /**
   * Make the issue with id `subIssueId` a sub-issue of issue `parentNumber`. GitHub's rules: the
   * id must name an issue of the repository (not a pull request, not the parent itself, not an
   * ancestor of it); an issue has one parent (422 unless `replaceParent`); a parent takes at most
   * 100 sub-issues; adding the same sub-issue twice is a 422.
   */
  addSubIssue(parentNumber: number, subIssueId: number, replaceParent: boolean): { parent: FakeGitHubIssue; sub: FakeGitHubIssue } {
    const parent = this.issues.get(parentNumber);
    if (!parent) throw new Error(`fake GitHub: no issue #${parentNumber}`);
    const sub = this.byId(subIssueId);
    if (!sub) throw new RuleError(`No issue with id ${subIssueId} in this repository: sub_issue_id takes the issue's id, not its number`, 'invalid', 'sub_issue_id');
    if (parent.pullRequest || sub.pullRequest) throw new RuleError('Pull requests cannot be sub-issues or have sub-issues', 'invalid', 'sub_issue_id');
    if (sub.number === parent.number) throw new RuleError('An issue cannot be a sub-issue of itself', 'invalid', 'sub_issue_id');
    if (sub.parent === parent.number) throw new RuleError('Issue may not contain duplicate sub-issues', 'invalid', 'sub_issue_id');
    for (let up: number | null = parent.parent; up !== null; up = this.issues.get(up)?.parent ?? null) {
      if (up === sub.number) throw new RuleError('An issue cannot be a sub-issue of its own sub-issue', 'invalid', 'sub_issue_id');
    }
    if (sub.parent !== null && !replaceParent) throw new RuleError('Sub issue may only have one parent', 'invalid', 'sub_issue_id');
    if (parent.subIssues.length >= MAX_SUB_ISSUES) throw new RuleError(`Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`, 'invalid', 'sub_issue_id');
    if (sub.parent !== null) this.detach(sub);
    sub.parent = parent.number;
    parent.subIssues.push(sub.number);
    this.touch(parent);
    this.touch(sub);
    return { parent, sub };
  }

  /** Remove a sub-issue from its parent (`DELETE issues/{n}/sub_issue`); false when it is not one of its sub-issues. */
  removeSubIssue(parent: FakeGitHubIssue, subIssueId: number): FakeGitHubIssue | null {
    const sub = this.byId(subIssueId);
    if (!sub || sub.parent !== parent.number) return null;
    this.detach(sub);
    this.touch(parent);
    this.touch(sub);
    return sub;
  }

  /** `sub_issues_summary` of an issue. */
  summary(issue: FakeGitHubIssue): { total: number; completed: number; percent_completed: number } {
    const total = issue.subIssues.length;
    const completed = issue.subIssues.filter((n) => this.issues.get(n)?.state === 'closed').length;
    return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
  }

  private detach(sub: FakeGitHubIssue): void {
    const old = sub.parent === null ? undefined : this.issues.get(sub.parent);
    if (old) {
      old.subIssues = old.subIssues.filter((n) => n !== sub.number);
      this.touch(old);
    }
    sub.parent = null;
  }

  private touch(issue: FakeGitHubIssue): void {
    issue.updatedAt = stamp(this.now());
  }

  private addLabel(name: string, color: string, description: string | null, isDefault: boolean): FakeGitHubLabel {
    const label: FakeGitHubLabel = { id: this.nextLabelId, name, color, description, isDefault };
    this.nextLabelId += 13;
    this.labels.set(name.toLowerCase(), label);
    return label;
  }
}
