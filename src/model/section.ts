/**
 * One section of the note analysed on its own: a heading and the body up to the next heading.
 * Everything a section can mean is read here, from its text alone, so an unchanged section's
 * analysis can be reused (shifted) by an incremental re-parse. Ranges are note-absolute.
 */
import type { RootContent } from 'mdast';
import { parseDocument } from 'yaml';
import type {
  AcceptanceCriterion, Comment, Commit, Description, Frontmatter, IssueLine, Link, MetaField,
  SourceRange, StorySectionKind,
} from './types';
import { listOrNone, NO_ITEMS } from './empty-list';
import type { LocalDiagnostic } from './diagnostics';
import type { SubtasksReading } from './subtasks';
import { readComments } from './comments';
import { readCommits } from './commits';
import { readCriteria } from './criteria';
import { readDescription } from './description';
import { readFields } from './fields';
import {
  TAGLINE, headingText, isEpicSummaryHeading, isRisksHeading, readPhaseHeading, readStoryHeader,
  splitLeadingEmoji, storyHeaderFix, storySectionKind,
} from './headings';
import { frontmatterEnd } from './line-pass';
import { readLinks } from './links';
import { parseSectionMarkdown } from './markdown';
import type { EagerPart, ProseReading } from './prose-section';
import { isLazyProse, lazyProseAnalysis } from './prose-section';
import { boundSection, boundsDiagnostics } from './parse-bounds';
import { LineIndex, trimBounds } from './source-range';
import { readSubtasks } from './subtasks';
import { plainName, readTable } from './tables';

/** A story header read from a heading. */
export interface StoryHeaderInfo {
  /** Upper-cased id. */
  readonly id: string;
  readonly rawId: string;
  readonly title: string;
  readonly type: string | null;
  readonly lowerCase: boolean;
  /** Emoji after the title (a status mark: `Title ✅`), or null. */
  readonly trailingEmoji: string | null;
  readonly idRange: SourceRange;
}

/** The H1: epic title, its emoji, and the tagline under it. */
export interface TitleInfo {
  readonly title: string;
  readonly type: string | null;
  readonly titleRange: SourceRange;
  readonly tagline: string | null;
  /**
   * The H1 read as a story header (`# PROJ-001: Standalone Story`), or null. It is the story of a
   * standalone story file when the note has no other story (issue 12 class 4).
   */
  readonly story: StoryHeaderInfo | null;
}

/** Everything one section means. Fields that do not apply are null or empty. */
export interface SectionAnalysis {
  /** The section's source text. */
  readonly text: string;
  /** The whole slice, trailing blank lines included. */
  readonly range: SourceRange;
  /** 1–6, or 0 for the text before the first heading. */
  readonly level: number;
  /** Heading content as written (closing `#`s excluded), or `` for level 0. */
  readonly name: string;
  /** The heading line without its break, or null for level 0. */
  readonly headingRange: SourceRange | null;
  /** Heading to the end of the last content (trailing blank lines and `---` excluded). */
  readonly contentRange: SourceRange;
  /** Body source, trimmed, trailing `---` excluded, `\r` removed. */
  readonly markdown: string;
  readonly story: StoryHeaderInfo | null;
  readonly title: TitleInfo | null;
  readonly frontmatter: Frontmatter | null;
  readonly phase: { readonly name: string; readonly number: number | null } | null;
  readonly isSummary: boolean;
  readonly isRisks: boolean;
  /** What this heading means as a story section. */
  readonly kind: StorySectionKind;
  /** Metadata of a story header or Epic Summary section, in note order. */
  readonly fields: readonly MetaField[];
  readonly issueLine: IssueLine | null;
  readonly description: Description | null;
  readonly criteria: readonly AcceptanceCriterion[];
  readonly subtasks: SubtasksReading | null;
  readonly commits: readonly Commit[];
  readonly comments: readonly Comment[];
  readonly links: readonly Link[];
  /** Rows of the first table (header → cell), for Risks sections. */
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly diagnostics: readonly LocalDiagnostic[];
  /** The first invalid character (NUL, control, lone surrogate), or null. */
  readonly junk: SourceRange | null;
}

/** Trackers spectryn writes a line for under a story header (`> **Jira:** [PROJ-100](url)`). */
const TRACKER_NAMES = ['Jira', 'Linear', 'GitHub', 'GitLab', 'Azure DevOps', 'Asana', 'Trello', 'Shortcut', 'ClickUp', 'Bitbucket', 'YouTrack', 'Monday'];

/**
 * The line sync writes under a story header: ours `> **Issue:** [KEY](url) · **Synced:** stamp`
 * (docs/cli.md), or spectryn's `> **Jira:** [KEY](url)` naming its tracker (group 1).
 */
const ISSUE_LINE = new RegExp(`^[ \\t]*>[ \\t]*\\*\\*(Issue|${TRACKER_NAMES.join('|')}):?\\*\\*:?[ \\t]*(.*?)[ \\t]*\\r?$`, 'i');
const ISSUE_LINK = /^\[([^\]]+)\]\(([^)\s]*)\)/;
const SYNCED = /\*\*Synced:?\*\*:?[ \t]*(.*)$/i;

const NOT_A_MAPPING = 'not a mapping';

/** Frontmatter keys naming the epic's tracker key, in order of preference. */
const EPIC_KEYS = ['epic', 'epic-key', 'epic_key', 'jira-epic'];

function readFrontmatter(node: RootContent, index: LineIndex, diagnostics: LocalDiagnostic[]): Frontmatter | null {
  if (node.type !== 'yaml') return null;
  const from = node.position?.start.offset ?? 0;
  const to = node.position?.end.offset ?? 0;
  const range = index.range(from, to);
  let data: Record<string, unknown> = {};
  let problem: string | null = null;
  try {
    const document = parseDocument(node.value, { prettyErrors: false });
    const first = document.errors[0];
    if (first !== undefined) {
      problem = first.message.split('\n')[0] ?? 'it does not parse';
    } else {
      const value: unknown = document.toJS();
      if (value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
      else if (value !== null && value !== undefined) problem = NOT_A_MAPPING;
    }
  } catch (error) {
    problem = error instanceof Error ? error.message : 'it does not parse';
  }
  if (problem !== null) {
    const message = problem === NOT_A_MAPPING
      ? 'The frontmatter is not a list of key: value pairs; it is ignored.'
      : `The frontmatter is not valid YAML (${problem}); it is ignored.`;
    diagnostics.push({ severity: 'warning', code: 'invalid-frontmatter', message, range });
  }
  // Line breaks as \n whatever the note uses, like every other value of the model.
  return { data, raw: node.value.replace(/\r/g, ''), range };
}

/** The epic key of frontmatter data (`epic`, `epic-key`, `epic_key`, `jira-epic`), or null. */
export function frontmatterEpicKey(data: Readonly<Record<string, unknown>>): string | null {
  for (const key of EPIC_KEYS) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** Anything but tab, line breaks, form feed, printable ASCII and non-control Unicode (C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates excluded). */
const INVALID_CHARACTER = /[^\t\n\f\r\x20-\x7e\u{a0}-\u{d7ff}\u{e000}-\u{fffd}\u{10000}-\u{10ffff}]/u;

/**
 * Offset of the first invalid character: a control character other than tab, line breaks and
 * form feed, DEL or a C1 control, a non-character (U+FFFE/U+FFFF) or a lone surrogate; -1 when there is none.
 */
export function firstInvalidCharacter(text: string): number {
  // One regular-expression scan (far faster than a character loop); in `u` mode a lone surrogate
  // is a code point of its own, outside every allowed range.
  const found = INVALID_CHARACTER.exec(text);
  return found === null ? -1 : found.index;
}

/** A link target a renderer may put in an `href`: absolute http(s) only (docs/format.md, Stories: the tracker block). */
const WEB_URL = /^https?:\/\/[^\s]+$/i;

/**
 * `url` when it is an absolute http(s) address, else null. The Issue line is note text, so its
 * link may be anything (`javascript:…`, `data:…`, `file:…`); only a checked address may reach a chip.
 */
export function webUrl(url: string): string | null {
  return WEB_URL.test(url) ? url : null;
}

function readIssueLine(text: string, from: number, index: LineIndex, diagnostics: LocalDiagnostic[]): IssueLine | null {
  // The first non-blank line after the heading.
  let lineFrom = from;
  while (lineFrom < text.length) {
    let lineTo = text.indexOf('\n', lineFrom);
    if (lineTo === -1) lineTo = text.length;
    const line = text.slice(lineFrom, lineTo);
    if (line.trim() === '') {
      lineFrom = lineTo + 1;
      continue;
    }
    const issue = ISSUE_LINE.exec(line);
    if (issue === null) return null;
    const label = (issue[1] ?? '').toLowerCase();
    const rest = issue[2] ?? '';
    const link = ISSUE_LINK.exec(rest);
    const key = link === null ? (/^[^\s·|]+/.exec(rest)?.[0] ?? '') : (link[1] ?? '').trim();
    if (key === '') return null;
    const synced = SYNCED.exec(rest);
    const end = line.endsWith('\r') ? lineTo - 1 : lineTo;
    const written = link === null ? '' : (link[2] ?? '');
    const url = written === '' ? null : webUrl(written);
    if (written !== '' && url === null) {
      diagnostics.push({
        severity: 'warning',
        code: 'unsafe-issue-link',
        message: `The issue link "${written.slice(0, 80)}" is not an http(s) address; it is not linked.`,
        range: index.range(lineFrom, end),
      });
    }
    return {
      key,
      tracker: label === 'issue' ? null : label,
      url,
      synced: synced === null ? null : (synced[1] ?? '').trim() || null,
      range: index.range(lineFrom, end),
    };
  }
  return null;
}

function readTagline(nodes: readonly RootContent[], text: string): string | null {
  for (const node of nodes) {
    if (node.type !== 'blockquote') continue;
    const from = node.position?.start.offset ?? 0;
    const end = text.indexOf('\n', from);
    const tagline = TAGLINE.exec(text.slice(from, end === -1 ? (node.position?.end.offset ?? from) : end));
    if (tagline === null) return null;
    const value = (tagline[1] ?? tagline[2] ?? '').replace(/\*\*/g, '').trim();
    return value === '' ? null : value;
  }
  return null;
}

function readRows(nodes: readonly RootContent[], text: string): Record<string, string>[] {
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    const table = readTable(node, text);
    if (table === null) return [];
    const names = table.header.cells.map((cell) => plainName(cell.text));
    return table.rows.map((row) => {
      const record: Record<string, string> = {};
      names.forEach((name, i) => {
        record[name] = row.cells[i]?.text ?? '';
      });
      return record;
    });
  }
  return [];
}

/** What a section's heading line says, read without the markdown parser. */
interface HeadingPart {
  /** Section-relative end of the heading line (its break excluded), 0 for level 0. */
  readonly headingEnd: number;
  readonly name: string;
  readonly headingRange: SourceRange | null;
  readonly story: StoryHeaderInfo | null;
  /** The H1 (tagline not read yet: it needs the body). */
  readonly title: TitleInfo | null;
  readonly titleStory: StoryHeaderInfo | null;
}

function readHeadingPart(text: string, index: LineIndex, level: number, diagnostics: LocalDiagnostic[]): HeadingPart {
  if (level === 0) return { headingEnd: 0, name: '', headingRange: null, story: null, title: null, titleStory: null };
  const headingEnd = index.lineEnd(0);
  const heading = headingText(text.slice(0, headingEnd));
  const name = text.slice(heading.from, heading.to);
  const headingRange = index.range(0, headingEnd);
  let story: StoryHeaderInfo | null = null;
  let title: TitleInfo | null = null;
  let titleStory: StoryHeaderInfo | null = null;
  if (level <= 4) {
    const header = readStoryHeader(name);
    const info = header === null ? null : {
      id: header.rawId.toUpperCase(),
      rawId: header.rawId,
      title: header.title,
      type: header.type,
      lowerCase: header.lowerCase,
      trailingEmoji: header.trailingEmoji,
      idRange: index.range(heading.from + header.idFrom, heading.from + header.idTo),
    };
    if (level === 1) titleStory = info;
    else story = info;
    const fix = level >= 2 && info === null ? storyHeaderFix(name) : null;
    if (fix !== null) {
      diagnostics.push({
        severity: 'warning',
        code: 'story-header-not-read',
        message: `This heading looks like a story header but is not read as one; write it as "${'#'.repeat(level)} ${fix}" (id, colon, title).`,
        range: headingRange,
      });
    }
  }
  if (level === 1) {
    const split = splitLeadingEmoji(name);
    const [a, b] = trimBounds(name, split.restFrom, name.length);
    title = { title: name.slice(a, b), type: split.type, titleRange: index.range(heading.from + a, heading.from + b), tagline: null, story: titleStory };
  }
  return { headingEnd, name, headingRange, story, title, titleStory };
}

/** A section's body as mdast reads it. */
interface Body {
  /** Top-level nodes after the heading (or frontmatter), trailing thematic breaks removed. */
  readonly nodes: readonly RootContent[];
  readonly frontmatter: Frontmatter | null;
  /** Section-relative start of the body (after the heading line or frontmatter). */
  readonly bodyFrom: number;
  /** Section-relative end of the last content node. */
  readonly contentEnd: number;
  readonly markdown: string;
  readonly contentRange: SourceRange;
}

/**
 * Parses a section's body with mdast.
 * @param parsed the text micromark is given (the section's text, bounded)
 */
function readBody(text: string, parsed: string, first: boolean, level: number, headingEnd: number, index: LineIndex, diagnostics: LocalDiagnostic[]): Body {
  const root = parseSectionMarkdown(parsed, first);
  let frontmatter: Frontmatter | null = null;
  let contentFrom = 0;
  const nodes: RootContent[] = [];
  for (const node of root.children) {
    const start = node.position?.start.offset ?? 0;
    if (level > 0 && start < headingEnd) continue;
    if (node.type === 'yaml') {
      frontmatter = readFrontmatter(node, index, diagnostics);
      contentFrom = node.position?.end.offset ?? 0;
      continue;
    }
    nodes.push(node);
  }
  while (nodes.length > 0 && nodes[nodes.length - 1]?.type === 'thematicBreak') nodes.pop();
  const lastNode = nodes[nodes.length - 1];
  const bodyFrom = level > 0 ? headingEnd : contentFrom;
  const contentEnd = lastNode?.position?.end.offset ?? bodyFrom;
  const [bodyStart, bodyEnd] = trimBounds(text, bodyFrom, contentEnd);
  const markdown = text.slice(bodyStart, bodyEnd).replace(/\r/g, '');
  const contentRange = index.range(0, level > 0 ? Math.max(contentEnd, headingEnd) : contentEnd);
  return { nodes, frontmatter, bodyFrom, contentEnd, markdown, contentRange };
}

/** The prose parts of a body: each read only for its own kind of section. */
function readProse(kind: StorySectionKind, body: Body, text: string, index: LineIndex): ProseReading {
  const { nodes } = body;
  return {
    contentRange: body.contentRange,
    markdown: body.markdown,
    description: kind === 'description' ? readDescription(nodes, text, index, body.bodyFrom, body.contentEnd) : null,
    criteria: kind === 'acceptance_criteria' ? readCriteria(nodes, text, index) : NO_ITEMS,
    commits: kind === 'commits' ? readCommits(nodes, text, index) : NO_ITEMS,
    comments: kind === 'comments' ? readComments(nodes, text, index) : NO_ITEMS,
    links: kind === 'links' ? readLinks(nodes, text, index) : NO_ITEMS,
  };
}

/**
 * Reads a prose section's body when called. It keeps only the section's text (and the bounded text
 * micromark is given, the same string unless a cap applied): its line index is built again then.
 */
function proseReader(text: string, parsed: string, from: number, line: number, level: number, headingEnd: number, kind: StorySectionKind): () => ProseReading {
  return () => {
    const index = new LineIndex(text, from, line);
    // Below a heading there is no frontmatter, so the body read adds no diagnostic (the section's
    // list is handed out already): it gets a list of its own.
    return readProse(kind, readBody(text, parsed, from === 0, level, headingEnd, index, []), text, index);
  };
}

/**
 * Analyses one section. A prose section (see `isLazyProse`) is read without the markdown parser;
 * its body is parsed when one of its body parts is first read.
 * @param text the section's source (from its heading line to the next heading line)
 * @param from note offset of `text[0]`
 * @param line 1-based note line of `text[0]`
 * @param level heading level from the line pass (0: no heading)
 */
export function analyseSection(text: string, from: number, line: number, level: number): SectionAnalysis {
  const index = new LineIndex(text, from, line);
  const diagnostics: LocalDiagnostic[] = [];
  // Hostile text (deep nesting, thousands of marks, huge sections) is bounded before micromark sees it.
  const bounds = boundSection(text, level > 0 ? index.lineEnd(0) : from === 0 ? frontmatterEnd(text) : 0);
  diagnostics.push(...boundsDiagnostics(bounds, index));
  const { headingEnd, name, headingRange, story, title: heading, titleStory } = readHeadingPart(text, index, level, diagnostics);
  const phase = level === 2 && story === null ? readPhaseHeading(name) : null;
  const isSummary = level > 0 && story === null && isEpicSummaryHeading(name);
  const isRisks = level > 0 && story === null && !isSummary && isRisksHeading(name);
  const kind = level > 1 && story === null ? storySectionKind(name) : 'other';
  const junkAt = firstInvalidCharacter(text);
  const range = index.range(0, text.length);
  const junk = junkAt === -1 ? null : index.range(junkAt, junkAt + 1);
  if (isLazyProse(level, story !== null, isSummary, isRisks, kind)) {
    const eager: EagerPart = {
      text, range, level, name, headingRange, story, title: null, frontmatter: null, phase, isSummary, isRisks, kind,
      fields: NO_ITEMS, issueLine: null, subtasks: null, rows: NO_ITEMS, diagnostics: listOrNone(diagnostics), junk,
    };
    return lazyProseAnalysis(eager, proseReader(text, bounds.text, from, line, level, headingEnd, kind));
  }
  const body = readBody(text, bounds.text, from === 0, level, headingEnd, index, diagnostics);
  const { nodes } = body;
  const title = heading === null ? null : { ...heading, tagline: readTagline(nodes, text) };
  const issueLine = story === null && titleStory === null ? null : readIssueLine(text, headingEnd + 1, index, diagnostics);
  const skip: [number, number] | null = issueLine === null ? null : [issueLine.range.from - from, issueLine.range.to - from];
  const fields = story !== null || titleStory !== null || isSummary ? readFields(nodes, text, index, skip) : NO_ITEMS;
  const subtasks = kind === 'subtasks' ? readSubtasks(nodes, text, index) : null;
  if (subtasks !== null) diagnostics.push(...subtasks.diagnostics);
  const prose = readProse(kind, body, text, index);
  return {
    text,
    range,
    level,
    name,
    headingRange,
    contentRange: body.contentRange,
    markdown: body.markdown,
    story,
    title,
    frontmatter: body.frontmatter,
    phase,
    isSummary,
    isRisks,
    kind,
    fields,
    issueLine,
    description: prose.description,
    criteria: prose.criteria,
    subtasks,
    commits: prose.commits,
    comments: prose.comments,
    links: prose.links,
    rows: isRisks ? readRows(nodes, text) : NO_ITEMS,
    diagnostics: listOrNone(diagnostics),
    junk,
  };
}
