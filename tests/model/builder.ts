/**
 * A builder for test epic notes: `epicNote({stories: [...]})` → markdown in the seed's style.
 * Every option has a default so a test states only what it is about.
 */

/** One subtask row of the default Subtasks table. */
export interface SubtaskSpec {
  name: string;
  description?: string;
  /** Default 1. A string is written as is (`TBD`, `abc`). */
  points?: number | string;
  /** Default `📋 Planned`. */
  status?: string;
}

/** One story of the note. */
export interface StorySpec {
  /** Default `US-00N` by position. */
  id?: string;
  /** Default `Story N`. */
  title?: string;
  /** Leading emoji; default 🔧, null for none. */
  type?: string | null;
  /** Header level; default 3. */
  level?: number;
  /** Default 3; null leaves the Story Points row out. A string is written as is. */
  points?: number | string | null;
  /** Default `📋 Planned`; null leaves the row out. */
  status?: string | null;
  /** Default `🟡 High`; null leaves the row out. */
  priority?: string | null;
  /** A `Phase` row, when given. */
  phase?: string;
  /** How the metadata is written; default `table`. */
  metadata?: 'table' | 'inline' | 'blockquote' | 'dataview';
  /** Extra metadata rows `[name, value]`. */
  extraFields?: [string, string][];
  /** `[asA, iWant, soThat]`; default a generic user story; null for no Description section. */
  description?: [string, string, string] | null;
  /** Acceptance criteria `[text, done]`; default none. */
  criteria?: [string, boolean][];
  /** Subtask rows; default none (no Subtasks section). */
  subtasks?: SubtaskSpec[];
  /** Markdown appended at the end of the story (before the `---`). */
  extra?: string;
}

/** The whole note. */
export interface EpicSpec {
  /** Default `Test Epic`. */
  title?: string;
  /** Frontmatter lines (without fences); none by default. */
  frontmatter?: string;
  /** Stories grouped in phases: `phases: [['Preparation', [story, story]], …]`. */
  phases?: [string, StorySpec[]][];
  /** Stories outside any phase (written before the phases). */
  stories?: StorySpec[];
  /** Line break; default `\n`. */
  eol?: '\n' | '\r\n';
  /** Markdown appended after everything (e.g. a Risks section). */
  footer?: string;
}

function metadata(story: StorySpec): string[] {
  const rows: [string, string][] = [];
  if (story.points !== null) rows.push(['Story Points', String(story.points ?? 3)]);
  if (story.priority !== null) rows.push(['Priority', story.priority ?? '🟡 High']);
  if (story.status !== null) rows.push(['Status', story.status ?? '📋 Planned']);
  if (story.phase !== undefined) rows.push(['Phase', story.phase]);
  rows.push(...(story.extraFields ?? []));
  switch (story.metadata ?? 'table') {
    case 'table':
      return ['| Field | Value |', '|-------|-------|', ...rows.map(([name, value]) => `| **${name}** | ${value} |`), ''];
    case 'inline':
      return [rows.map(([name, value]) => `**${name}**: ${value}`).join('  '), ''];
    case 'blockquote':
      return [...rows.map(([name, value]) => `> **${name}**: ${value}`), ''];
    case 'dataview':
      return [...rows.map(([name, value]) => `${name}:: ${value}`), ''];
  }
}

function storyLines(story: StorySpec, position: number): string[] {
  const id = story.id ?? `US-${String(position + 1).padStart(3, '0')}`;
  const type = story.type === undefined ? '🔧 ' : story.type === null ? '' : `${story.type} `;
  const lines = [`${'#'.repeat(story.level ?? 3)} ${type}${id}: ${story.title ?? `Story ${position + 1}`}`, ''];
  lines.push(...metadata(story));
  const description = story.description === undefined ? ['user', 'a feature', 'I get value'] : story.description;
  if (description !== null) {
    lines.push('#### Description', '', `**As a** ${description[0]}`, `**I want** ${description[1]}`, `**So that** ${description[2]}`, '');
  }
  if (story.criteria !== undefined && story.criteria.length > 0) {
    lines.push('#### Acceptance Criteria', '', ...story.criteria.map(([text, done]) => `- [${done ? 'x' : ' '}] ${text}`), '');
  }
  if (story.subtasks !== undefined && story.subtasks.length > 0) {
    lines.push('#### Subtasks', '', '| # | Subtask | Description | SP | Status |', '|---|---------|-------------|:--:|--------|');
    story.subtasks.forEach((subtask, i) => {
      lines.push(`| ${i + 1} | ${subtask.name} | ${subtask.description ?? ''} | ${String(subtask.points ?? 1)} | ${subtask.status ?? '📋 Planned'} |`);
    });
    lines.push('');
  }
  if (story.extra !== undefined) lines.push(story.extra, '');
  lines.push('---', '');
  return lines;
}

/** A complete epic note in the seed's style. */
export function epicNote(spec: EpicSpec = {}): string {
  const lines: string[] = [];
  if (spec.frontmatter !== undefined) lines.push('---', spec.frontmatter, '---');
  lines.push(`# 🚀 ${spec.title ?? 'Test Epic'}`, '', '> **Epic: A test epic**', '');
  let position = 0;
  for (const story of spec.stories ?? []) lines.push(...storyLines(story, position++));
  spec.phases?.forEach(([name, stories], i) => {
    lines.push(`## Phase ${i + 1}: ${name}`, '');
    for (const story of stories) lines.push(...storyLines(story, position++));
  });
  if (spec.footer !== undefined) lines.push(spec.footer);
  return lines.join(spec.eol ?? '\n');
}
