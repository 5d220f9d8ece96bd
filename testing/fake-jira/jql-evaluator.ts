/**
 * Evaluates the parsed JQL subset against the fake's issues. Values are checked like Jira checks
 * them before running the query: an issue key that does not exist, an unknown project or issue
 * type is an error (400), not an empty result.
 */
import { jqlInstant } from './jql-dates';
import { JqlError, type JqlClause, type JqlExpression, type JqlQuery } from './jql-parser';
import type { FakeIssue } from './types';

/** What the evaluator needs to know about the site. */
export interface JqlSite {
  readonly projectKey: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly issueTypes: readonly { id: string; name: string }[];
  /** The issue with this key or numeric id, if any. */
  findIssue(keyOrId: string): FakeIssue | undefined;
  /** The Epic Link of an issue: DC reads the Epic Link field, cloud the parent when it is an epic. */
  epicOf(issue: FakeIssue): string | null;
  /** The clock relative dates (`-15m`) count from; default the real one. */
  now?(): Date;
  /** The searching user's time zone (IANA), in which absolute dates are read; default `UTC`. */
  readonly timeZone?: string;
}

/** Date fields and their aliases (Atlassian's JQL field reference). */
const DATE_FIELDS: Readonly<Record<string, 'updated' | 'created'>> = { updated: 'updated', updateddate: 'updated', created: 'created', createddate: 'created' };

/** `updated >= "2026-12-06 10:15"`, `updated > -15m`, … against the issue's stamp, to the millisecond. */
function compileDateClause(site: JqlSite, clause: JqlClause, stamp: 'updated' | 'created'): Predicate {
  if (clause.operator === 'in') throw invalid(`The operator 'in' is not supported by the fake Jira for the field '${clause.field}'.`);
  const now = site.now?.() ?? new Date();
  const instant = jqlInstant(clause.values[0] ?? '', clause.quoted?.[0] ?? false, clause.field, now, site.timeZone ?? 'UTC');
  const compare = (at: number): boolean => {
    switch (clause.operator) {
      case '=': return at === instant;
      case '!=': return at !== instant;
      case '<': return at < instant;
      case '<=': return at <= instant;
      case '>': return at > instant;
      default: return at >= instant;
    }
  };
  return (issue) => compare(Date.parse(issue[stamp]));
}

/** A query ready to run. */
export interface CompiledJql {
  matches(issue: FakeIssue): boolean;
  /** Sort order of the ORDER BY clause; creation (key number) order when there is none. */
  compare(a: FakeIssue, b: FakeIssue): number;
  /** False when the query has no condition at all (Jira Cloud refuses unbounded searches). */
  readonly bounded: boolean;
}

const KEY_PATTERN = /^[A-Z][A-Z0-9_]*-\d+$/i;

/** The number of an issue key (INFRA-101 → 101); NaN for anything else. */
export function keyNumber(key: string): number {
  const dash = key.lastIndexOf('-');
  return dash < 0 ? Number.NaN : Number(key.slice(dash + 1));
}

function invalid(message: string): JqlError {
  return new JqlError(`Error in the JQL Query: ${message}`);
}

type Predicate = (issue: FakeIssue) => boolean;

function resolveIssueKeys(site: JqlSite, field: string, values: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const value of values) {
    if (!KEY_PATTERN.test(value) && !/^\d+$/.test(value)) throw invalid(`The issue key '${value}' for field '${field}' is invalid.`);
    const issue = site.findIssue(value);
    if (!issue) throw invalid(`An issue with key '${value}' does not exist for field '${field}'.`);
    keys.add(issue.key);
  }
  return keys;
}

function compileClause(site: JqlSite, field: string, values: readonly string[]): Predicate {
  switch (field) {
    case 'key':
    case 'issue':
    case 'issuekey':
    case 'id': {
      const keys = resolveIssueKeys(site, field, values);
      return (issue) => keys.has(issue.key);
    }
    case 'parent': {
      const keys = resolveIssueKeys(site, field, values);
      return (issue) => issue.parent !== null && keys.has(issue.parent);
    }
    case 'epic link':
    case 'cf[10014]': {
      const keys = resolveIssueKeys(site, 'Epic Link', values);
      return (issue) => {
        const epic = site.epicOf(issue);
        return epic !== null && keys.has(epic);
      };
    }
    case 'labels': {
      const wanted = new Set(values.map((v) => v.toLowerCase()));
      return (issue) => issue.labels.some((label) => wanted.has(label.toLowerCase()));
    }
    case 'project': {
      for (const value of values) {
        const known = [site.projectKey, site.projectId, site.projectName].some((p) => p.toLowerCase() === value.toLowerCase());
        if (!known) throw invalid(`The value '${value}' does not exist for the field 'project'.`);
      }
      return (issue) => issue.key.startsWith(`${site.projectKey}-`);
    }
    case 'issuetype':
    case 'type': {
      const names = new Set<string>();
      for (const value of values) {
        const type = site.issueTypes.find((t) => t.name.toLowerCase() === value.toLowerCase() || t.id === value);
        if (!type) throw invalid(`The value '${value}' does not exist for the field '${field}'.`);
        names.add(type.name);
      }
      return (issue) => names.has(issue.issueType);
    }
    default:
      throw invalid(`Field '${field}' is not supported by the fake Jira (supported: parent, key, labels, project, issuetype, "Epic Link", updated, created).`);
  }
}

function compileExpression(site: JqlSite, expression: JqlExpression): Predicate {
  if (expression.kind === 'clause') {
    const stamp = DATE_FIELDS[expression.field];
    if (stamp !== undefined) return compileDateClause(site, expression, stamp);
    if (expression.operator !== '=' && expression.operator !== 'in') throw invalid(`The operator '${expression.operator}' is not supported by the field '${expression.field}'.`);
    return compileClause(site, expression.field, expression.values);
  }
  const parts = expression.parts.map((part) => compileExpression(site, part));
  return expression.kind === 'and'
    ? (issue) => parts.every((p) => p(issue))
    : (issue) => parts.some((p) => p(issue));
}

function byCreation(a: FakeIssue, b: FakeIssue): number {
  return keyNumber(a.key) - keyNumber(b.key);
}

/** Check the query's values against the site and build its predicate and order; throws JqlError. */
export function compileJql(query: JqlQuery, site: JqlSite): CompiledJql {
  const matches = query.where ? compileExpression(site, query.where) : (): boolean => true;
  const comparators = query.orderBy.map(({ field, direction }) => {
    const sign = direction === 'desc' ? -1 : 1;
    if (field === 'key' || field === 'issuekey' || field === 'id') return (a: FakeIssue, b: FakeIssue) => sign * byCreation(a, b);
    const stamp = DATE_FIELDS[field];
    if (stamp !== undefined) {
      return (a: FakeIssue, b: FakeIssue) => sign * (Date.parse(a[stamp]) - Date.parse(b[stamp]) || byCreation(a, b));
    }
    throw invalid(`Ordering by '${field}' is not supported by the fake Jira (supported: key, created, updated).`);
  });
  const compare = (a: FakeIssue, b: FakeIssue): number => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return byCreation(a, b);
  };
  return { matches, compare, bounded: query.where !== null };
}
