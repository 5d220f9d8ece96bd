/**
 * What a heading line means: the epic title, a story header, a phase heading, or the name of a
 * story section. Every syntax fragment is a named, commented regular expression here.
 */
import type { StorySectionKind } from './types';
import { matchStatus } from './vocabulary';

/** One emoji: a pictograph or flag letter with its variation selectors, skin tones and ZWJ parts. */
const EMOJI = '(?:\\p{Extended_Pictographic}|\\p{Regional_Indicator})(?:\\uFE0F|\\u20E3|\\p{Emoji_Modifier}|\\u200D(?:\\p{Extended_Pictographic}|\\p{Regional_Indicator})|\\p{Regional_Indicator})*';

/**
 * The leading emoji of a heading and the spaces after them. Several may stand there (`🧪🧪`,
 * `✅ 🐛`, issue 11 item 6): group 1 is the first, which is the type; the others are dropped.
 */
export const LEADING_EMOJI = new RegExp(`^(${EMOJI})(?:[ \\t]*${EMOJI})*[ \\t]*`, 'u');

/** The part of a story id before its number: `US`, `PROJ`, `US-SF` (multi-part), `FEAT_` … */
const ID_PREFIX = '[A-Za-z][A-Za-z0-9]*(?:[-_/][A-Za-z][A-Za-z0-9]*)*';

/**
 * A story id: `[A-Z][A-Z0-9]*` parts joined by `-`, `_` or `/`, then one of them and a number
 * (US-001, PROJ-123, FEAT_3, A/7, US-SF-001), or `#\d+` (#42). Matched case-insensitively so
 * lower-case ids can be reported and upper-cased.
 */
export const STORY_ID = new RegExp(`^(${ID_PREFIX}[-_/]\\d+|#\\d+)(?![A-Za-z0-9])`);

/** Where an id's number starts (`-001`, `_3`, `/7`): a heading without one holds no story id. */
const ID_NUMBER = /[-_/]\d/;

/** `Story ` before the id (`### Story US-001: Title`), as spectryn's docs write it sometimes. */
const STORY_WORD = /^story[ \t]+/i;

/** `Phase N: Name` (N optional; `:` or a dash before the name). */
export const PHASE_HEADING = /^phase(?:[ \t]+(\d+))?[ \t]*[:\-–—][ \t]*(.*)$/i;

/** The epic tagline under the H1: `> **Epic: text**` or `> **Epic:** text`. */
export const TAGLINE = /^[ \t]*>[ \t]*\*\*Epic:?\*\*:?[ \t]*(.*?)[ \t]*\r?$|^[ \t]*>[ \t]*\*\*Epic:[ \t]*(.*?)\*\*[ \t]*\r?$/;

/** The text of an ATX heading line: where it starts and ends within the line. */
export interface HeadingText {
  readonly level: number;
  /** Offsets within the line of the heading content (closing `#`s and spaces excluded). */
  readonly from: number;
  readonly to: number;
}

/** Level and content bounds of an ATX heading line (the caller knows it is one). */
export function headingText(line: string): HeadingText {
  let at = 0;
  while (line.charCodeAt(at) === 32) at += 1;
  let level = 0;
  while (line.charCodeAt(at) === 35 && level < 6) {
    at += 1;
    level += 1;
  }
  while (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9) at += 1;
  let end = line.length;
  while (end > at && /[ \t\r]/.test(line.charAt(end - 1))) end -= 1;
  // An optional closing sequence: spaces, then only `#`s (CommonMark 4.2).
  let hashes = end;
  while (hashes > at && line.charCodeAt(hashes - 1) === 35) hashes -= 1;
  if (hashes < end && (hashes === at || line.charAt(hashes - 1) === ' ' || line.charAt(hashes - 1) === '\t')) {
    end = hashes;
    while (end > at && (line.charAt(end - 1) === ' ' || line.charAt(end - 1) === '\t')) end -= 1;
  }
  return { level, from: at, to: Math.max(at, end) };
}

/** A heading read as a story header. */
export interface StoryHeaderText {
  /** The id as written and its offsets within the heading content. */
  readonly rawId: string;
  readonly idFrom: number;
  readonly idTo: number;
  /** Title after the colon, trimmed; empty when missing. */
  readonly title: string;
  /** Leading emoji or null. */
  readonly type: string | null;
  /** True when the id has lower-case letters. */
  readonly lowerCase: boolean;
  /** A status emoji written after the title (`Standalone Story ✅`: spectryn's status mark), or null; not part of the title. */
  readonly trailingEmoji: string | null;
}

/** Emoji at the end of a title, and the spaces before them. */
const TRAILING_EMOJI = new RegExp(`[ \\t]*((?:${EMOJI}[ \\t]*)+)$`, 'u');

/**
 * Reads heading content as `[emoji ]ID: Title`. An id followed by nothing is a header without a
 * title (upper-case ids only: `us-1` alone is too likely to be prose).
 */
export function readStoryHeader(content: string): StoryHeaderText | null {
  const emoji = LEADING_EMOJI.exec(content);
  const afterEmoji = emoji === null ? 0 : emoji[0].length;
  const word = STORY_WORD.exec(content.slice(afterEmoji));
  const idStart = afterEmoji + (word === null ? 0 : word[0].length);
  const rest = content.slice(idStart);
  const id = STORY_ID.exec(rest);
  if (id === null) return null;
  const rawId = id[1] ?? '';
  const after = rest.slice(rawId.length);
  const lowerCase = rawId !== rawId.toUpperCase();
  let title: string;
  const colon = /^[ \t]*:/.exec(after);
  if (colon !== null) {
    title = after.slice(colon[0].length).trim();
  } else if (after.trim() === '' && !lowerCase) {
    title = '';
  } else {
    return null;
  }
  // Only a status emoji is taken off the title (`Launch 🚀` keeps its rocket).
  // An emoji is never ASCII: a title ending in ASCII has none (the common case, checked cheaply).
  const trailing = title.charCodeAt(title.length - 1) < 128 ? null : TRAILING_EMOJI.exec(title);
  const trailingEmoji = trailing === null || trailing.index === 0 || !matchStatus(trailing[1] ?? '').known ? null : (trailing[1] ?? '').trim();
  if (trailing !== null && trailingEmoji !== null) title = title.slice(0, trailing.index);
  return { rawId, idFrom: idStart, idTo: idStart + rawId.length, title, type: emoji === null ? null : (emoji[1] ?? null), lowerCase, trailingEmoji };
}

/**
 * Story headers written in a way that is not read (issue 12 class 6): `US-001 - Title`,
 * `[US-001] Title`, `**US-001**: Title`, `US-001 Title`. Group 1 is the id, group 2 the title.
 */
const NEAR_MISS_HEADER = new RegExp(`^(?:\\[(${ID_PREFIX}[-_/]\\d+)\\][ \\t]*:?|(?:\\*\\*|__)(${ID_PREFIX}[-_/]\\d+):?(?:\\*\\*|__)[ \\t]*:?|(${ID_PREFIX}[-_/]\\d+)[ \\t]+[-–—|][ \\t])[ \\t]*(.*)$`);

/**
 * How to write a heading that looks meant as a story header but is not read as one, or null.
 * Returns the header as it should be written (`US-001: Title`), without the `#`s.
 */
export function storyHeaderFix(content: string): string | null {
  // Most headings (Description, Subtasks, …) hold no id at all: skip them cheaply.
  if (!ID_NUMBER.test(content) || readStoryHeader(content) !== null) return null;
  const emoji = LEADING_EMOJI.exec(content);
  const afterEmoji = emoji === null ? 0 : emoji[0].length;
  const word = STORY_WORD.exec(content.slice(afterEmoji));
  const rest = content.slice(afterEmoji + (word === null ? 0 : word[0].length));
  const near = NEAR_MISS_HEADER.exec(rest);
  if (near === null) return null;
  const id = (near[1] ?? near[2] ?? near[3] ?? '').toUpperCase();
  const title = (near[4] ?? '').trim();
  return `${emoji === null ? '' : emoji[0]}${id}: ${title === '' ? 'Title' : title}`;
}

/** Splits a leading emoji off a heading: `🔄 Database Migration` → type 🔄, title `Database Migration`. */
export function splitLeadingEmoji(content: string): { type: string | null; rest: string; restFrom: number } {
  const emoji = LEADING_EMOJI.exec(content);
  if (emoji === null) return { type: null, rest: content, restFrom: 0 };
  return { type: emoji[1] ?? null, rest: content.slice(emoji[0].length), restFrom: emoji[0].length };
}

/** A `Phase N: Name` heading, or null. */
export function readPhaseHeading(content: string): { name: string; number: number | null } | null {
  const phase = PHASE_HEADING.exec(splitLeadingEmoji(content).rest);
  if (phase === null) return null;
  const name = (phase[2] ?? '').trim();
  if (name === '') return null;
  return { name, number: phase[1] === undefined ? null : Number(phase[1]) };
}

/** Story section heading names (lower case, emoji and markup removed) and what they mean. */
const SECTION_NAMES: ReadonlyMap<string, StorySectionKind> = new Map<string, StorySectionKind>([
  ['description', 'description'],
  ['user story', 'description'],
  ['acceptance criteria', 'acceptance_criteria'],
  ['ac', 'acceptance_criteria'],
  ['criteria', 'acceptance_criteria'],
  ['subtasks', 'subtasks'],
  ['sub tasks', 'subtasks'],
  ['sub-tasks', 'subtasks'],
  ['tasks', 'subtasks'],
  ['related commits', 'commits'],
  ['commits', 'commits'],
  ['comments', 'comments'],
  ['links', 'links'],
  ['dependencies', 'links'],
  ['related issues', 'links'],
  ['technical notes', 'technical_notes'],
  ['tech notes', 'technical_notes'],
]);

/** Lower case, without a leading emoji, emphasis markers and a trailing colon. */
export function normaliseName(text: string): string {
  return splitLeadingEmoji(text.trim()).rest
    .replace(/[*_`]/g, '')
    .replace(/:+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The kind of a story section heading (`other` when not one we interpret). */
export function storySectionKind(name: string): StorySectionKind {
  return SECTION_NAMES.get(normaliseName(name)) ?? 'other';
}

/** True for `Epic Summary` (and `Summary` of the epic written at H2). */
export function isEpicSummaryHeading(name: string): boolean {
  return normaliseName(name) === 'epic summary';
}

/** True for `Risks & Mitigations`, `Risks and Mitigations`, `Risks`. */
export function isRisksHeading(name: string): boolean {
  return /^risks?\b/.test(normaliseName(name));
}
