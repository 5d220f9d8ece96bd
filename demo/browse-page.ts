/**
 * The built-in Jira's issue pages, `GET /browse/KEY` (where the plugin's issue chips link): one
 * issue from the sandbox's tracker (summary, type, status, points, priority, parent, labels, the
 * description as plain text, its subtasks or the epic's issues), and a "not found" page naming the
 * keys the tracker holds. Rendered on the server as a string: every value from the tracker is
 * escaped, and no markup from an issue is ever passed through (the server also sends a CSP that
 * allows no inline script). Pure: no DOM, no I/O.
 */
import { pointsWithUnit } from '../src/model';
import { compareKeys } from './tracker-tree';
import type { TrackerIssue } from './tracker-issue';

/** An issue as its page shows it. */
export interface BrowseIssue extends TrackerIssue {
  /** The description as plain text ('' when it has none). */
  readonly description: string;
}

/** What an issue page shows besides the issue. */
export interface IssuePageContext {
  /** The parent issue, when the tracker holds it. */
  readonly parent: BrowseIssue | null;
  /** The issues whose parent is this one (any order; shown in key order). */
  readonly children: readonly BrowseIssue[];
}

/** The `Content-Security-Policy` of the pages: only this origin's files, no inline script or style. */
export const BROWSE_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The path of an issue's page (the key percent-encoded, so any key stays one path segment). */
export function browsePath(key: string): string {
  return `/browse/${encodeURIComponent(key)}`;
}

function keyLink(key: string): string {
  return `<a class="sandbox-browse-key" href="${escapeHtml(browsePath(key))}">${escapeHtml(key)}</a>`;
}

function page(title: string, bodyData: string, main: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="stylesheet" href="/sandbox.css">',
    '</head>',
    `<body class="theme-light sandbox-browse" ${bodyData}>`,
    '<script src="/browse.js"></script>',
    '<main class="sandbox-browse-page">',
    '<nav class="sandbox-browse-nav"><a href="/">← Spectryn sandbox</a><span class="sandbox-browse-site">Built-in Jira (in memory, this sandbox only)</span></nav>',
    main,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function field(name: string, label: string, valueHtml: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd data-field="${name}">${valueHtml}</dd>`;
}

const NONE = '<span class="sandbox-browse-none">None</span>';

function childRow(child: BrowseIssue): string {
  const points = child.storyPoints === null ? '' : `<span class="sandbox-browse-child-points">${escapeHtml(pointsWithUnit(child.storyPoints))}</span>`;
  return `<li class="sandbox-browse-child" data-key="${escapeHtml(child.key)}" data-status="${escapeHtml(child.status)}">${keyLink(child.key)}`
    + `<span class="sandbox-browse-child-status">${escapeHtml(child.status)}</span>`
    + `<span class="sandbox-browse-child-summary">${escapeHtml(child.summary)}</span>${points}</li>`;
}

/** The page of `issue`. */
export function issuePageHtml(issue: BrowseIssue, context: IssuePageContext): string {
  const parent = issue.parent === null
    ? NONE
    : `${keyLink(issue.parent)}${context.parent ? ` <span class="sandbox-browse-parent-summary">${escapeHtml(context.parent.summary)}</span>` : ''}`;
  const labels = issue.labels.length === 0
    ? NONE
    : issue.labels.map((label) => `<span class="sandbox-browse-label">${escapeHtml(label)}</span>`).join(' ');
  const children = [...context.children].sort((a, b) => compareKeys(a.key, b.key));
  // An epic's children are its stories; a story's are its subtasks.
  const childrenTitle = issue.type === 'Epic' ? 'Issues in this epic' : 'Subtasks';
  const description = issue.description.trim() === ''
    ? `<p class="sandbox-browse-description is-empty" data-field="description">${NONE}</p>`
    : `<div class="sandbox-browse-description" data-field="description">${escapeHtml(issue.description)}</div>`;
  const main = [
    `<header class="sandbox-browse-header">${issue.parent === null ? '' : `<span class="sandbox-browse-breadcrumb">${keyLink(issue.parent)} /</span>`}`
      + `<span class="sandbox-browse-this-key">${escapeHtml(issue.key)}</span></header>`,
    `<h1 class="sandbox-browse-summary">${escapeHtml(issue.summary)}</h1>`,
    '<dl class="sandbox-browse-fields">',
    field('type', 'Type', escapeHtml(issue.type)),
    field('status', 'Status', `<span class="sandbox-browse-status">${escapeHtml(issue.status)}</span>`),
    field('points', 'Story points', issue.storyPoints === null ? NONE : escapeHtml(String(issue.storyPoints))),
    field('priority', 'Priority', issue.priority === null ? NONE : escapeHtml(issue.priority)),
    field('parent', 'Parent', parent),
    field('labels', 'Labels', labels),
    '</dl>',
    '<h2>Description</h2>',
    description,
    `<h2>${childrenTitle} <span class="sandbox-browse-count">${String(children.length)}</span></h2>`,
    children.length === 0 ? `<p class="sandbox-browse-children is-empty">${NONE}</p>` : `<ul class="sandbox-browse-children">${children.map(childRow).join('')}</ul>`,
    // Sync plans stories and subtasks only: say so where a reader would expect the epic to follow the note.
    issue.type === 'Epic' ? '<p class="sandbox-browse-hint" data-epic-hint="true">Spectryn\'s sync creates and updates the stories and subtasks of this epic; it never changes the epic itself (its status stays as set here).</p>' : '',
  ].join('\n');
  return page(`${issue.key}: ${issue.summary} · Sandbox Jira`, `data-issue-key="${escapeHtml(issue.key)}"`, main);
}

/** The page for a key the tracker does not hold; `known` are the keys it does hold. */
export function notFoundPageHtml(key: string, known: readonly string[]): string {
  const keys = [...known].sort(compareKeys);
  const holds = keys.length === 0
    ? '<p>It holds no issues.</p>'
    : `<p>It holds ${String(keys.length)} ${keys.length === 1 ? 'issue' : 'issues'}:</p><p class="sandbox-browse-known">${keys.map(keyLink).join(' ')}</p>`;
  const main = [
    '<h1 class="sandbox-browse-summary">Issue not found</h1>',
    `<p class="sandbox-browse-missing">The sandbox's built-in Jira holds no issue <code>${escapeHtml(key)}</code>.</p>`,
    holds,
    '<p class="sandbox-browse-hint">It lives in the server\'s memory: restarting <code>npm run demo</code> or pressing "Start over" empties it (the epic stays), so keys written into a note before that point nowhere.</p>',
  ].join('\n');
  return page(`${key} not found · Sandbox Jira`, 'data-issue-key="" data-not-found="true"', main);
}
