/**
 * The status and priority vocabulary of format.md, as one table of named entries each.
 * Matching rule: the word decides; the emoji decides only when there is no word ("🟢 Low" is
 * low). A status is read only when its whole value, emoji aside, is one phrase of the vocabulary
 * ("Almost done", "Done?" and "Not done" are not done: issue 12 class 8). A priority may hold its
 * word among others ("P1 - High"), matched whole and not after a negation. Unknown text is
 * reported as not known and reads as `planned` / `medium`; the caller warns.
 */
import type { Priority, Status } from './types';

/** One named entry of a vocabulary: its value, the emoji that mean it, the words that mean it. */
export interface VocabularyEntry<T extends string> {
  readonly value: T;
  /** How people read the value, sentence case (`In progress`). */
  readonly label: string;
  /** Emoji meaning the value; the first is canonical (what we write). */
  readonly emoji: readonly string[];
  /** Words and phrases meaning the value, matched whole and case-insensitively. */
  readonly words: readonly string[];
}

/** format.md "Status vocabulary", in workflow order. */
export const STATUS_VOCABULARY: readonly VocabularyEntry<Status>[] = [
  { value: 'done', label: 'Done', emoji: ['✅', '✔️', '☑️'], words: ['done', 'resolved', 'closed', 'complete', 'completed'] },
  { value: 'in_progress', label: 'In progress', emoji: ['🔄', '🚧', '⏳'], words: ['in progress', 'in development', 'active', 'doing', 'started'] },
  { value: 'in_review', label: 'In review', emoji: ['👀', '🔍'], words: ['in review', 'review', 'testing', 'qa'] },
  { value: 'open', label: 'Open', emoji: ['📂'], words: ['open', 'to do', 'todo', 'new', 'reopened', 'ready'] },
  { value: 'planned', label: 'Planned', emoji: ['📋', '🔲'], words: ['planned', 'backlog', 'not started'] },
  { value: 'blocked', label: 'Blocked', emoji: ['⏸️', '🚫', '⛔'], words: ['blocked', 'on hold', 'waiting'] },
  { value: 'cancelled', label: 'Cancelled', emoji: ['❌'], words: ['cancelled', 'canceled', "won't do", 'wontfix', "won't fix"] },
];

/** format.md "Priority vocabulary", highest first. */
export const PRIORITY_VOCABULARY: readonly VocabularyEntry<Priority>[] = [
  { value: 'critical', label: 'Critical', emoji: ['🔴'], words: ['critical', 'blocker', 'highest', 'urgent', 'p0'] },
  { value: 'high', label: 'High', emoji: ['🟡', '🟠'], words: ['high', 'major', 'p1'] },
  { value: 'medium', label: 'Medium', emoji: ['🟢', '🔵'], words: ['medium', 'normal', 'p2'] },
  { value: 'low', label: 'Low', emoji: ['⚪', '⚫'], words: ['low', 'minor', 'lowest', 'trivial', 'p3', 'p4'] },
];

/** Words that, right before a vocabulary word, turn it into its opposite ("not done"). */
const NEGATIONS = ['not', 'non', 'never', 'no'];

/** A compiled vocabulary: one alternation of all phrases (longest first) and the emoji. */
interface CompiledVocabulary<T extends string> {
  readonly phrase: RegExp;
  readonly byPhrase: ReadonlyMap<string, T>;
  readonly byEmoji: readonly (readonly [string, T])[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile<T extends string>(entries: readonly VocabularyEntry<T>[]): CompiledVocabulary<T> {
  const byPhrase = new Map<string, T>();
  const byEmoji: (readonly [string, T])[] = [];
  for (const entry of entries) {
    for (const word of entry.words) byPhrase.set(word, entry.value);
    // The JSON value itself (`in_progress`) is a word too, normalised like the text.
    byPhrase.set(entry.value.replace(/_/g, ' '), entry.value);
    for (const emoji of entry.emoji) byEmoji.push([stripVariation(emoji), entry.value]);
  }
  const phrases = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const negation = NEGATIONS.join('|');
  // Whole words only: no letter or digit on either side. An optional negation is captured so the
  // caller can skip a negated match and keep looking.
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])(?:(${negation}) )?(${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return { phrase, byPhrase, byEmoji };
}

/** Text without emoji variation selectors, so `✔` and `✔️` are the same emoji. */
function stripVariation(text: string): string {
  return text.replace(/\uFE0F/g, '');
}

/** Lower case; markdown emphasis, `-` and `_` as spaces; curly apostrophes straight; spaces collapsed. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[*_~`\-–—]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every emoji of a text (as `LEADING_EMOJI` in headings.ts reads one), for taking them out. */
const ANY_EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\uFE0F|\u20E3|\p{Emoji_Modifier}|\u200D(?:\p{Extended_Pictographic}|\p{Regional_Indicator})|\p{Regional_Indicator})*/gu;

/** The emoji of `text` that means a value: the earliest one in the text. */
function emojiValue<T extends string>(vocabulary: CompiledVocabulary<T>, text: string): T | null {
  const plain = stripVariation(text);
  let best: T | null = null;
  let bestAt = Infinity;
  for (const [emoji, value] of vocabulary.byEmoji) {
    const at = plain.indexOf(emoji);
    if (at !== -1 && at < bestAt) {
      best = value;
      bestAt = at;
    }
  }
  return best;
}

/** The value of a text whose words, emoji aside, are exactly one phrase; the emoji when it has no words. */
function matchWhole<T extends string>(vocabulary: CompiledVocabulary<T>, text: string): T | null {
  const words = normalise(text.replace(ANY_EMOJI, ' '));
  if (words === '') return emojiValue(vocabulary, text);
  return vocabulary.byPhrase.get(words) ?? null;
}

function match<T extends string>(vocabulary: CompiledVocabulary<T>, text: string): T | null {
  const normalised = normalise(text);
  for (const found of normalised.matchAll(vocabulary.phrase)) {
    const word = found[2] ?? '';
    // "not started" is itself a phrase; any other negated word means nothing.
    const phrase = found[1] === undefined ? word : `${found[1]} ${word}`;
    const value = vocabulary.byPhrase.get(phrase);
    if (value !== undefined) return value;
  }
  // Only now the emoji: the earliest one in the text decides.
  return emojiValue(vocabulary, text);
}

const STATUS_MATCHER = compile(STATUS_VOCABULARY);
const PRIORITY_MATCHER = compile(PRIORITY_VOCABULARY);

/**
 * The status a text means: its whole value, emoji aside, must be a phrase (`✅ Done` → done;
 * `Almost done`, `Done?`, `Not done` → unknown). Unknown text gives `{status: 'planned', known: false}`.
 */
export function matchStatus(text: string): { status: Status; known: boolean } {
  const status = matchWhole(STATUS_MATCHER, text);
  return status === null ? { status: 'planned', known: false } : { status, known: true };
}

/**
 * The priority a text means (`🟢 Low` → low). Unknown text gives `{priority: 'medium', known: false}`.
 */
export function matchPriority(text: string): { priority: Priority; known: boolean } {
  const priority = match(PRIORITY_MATCHER, text);
  return priority === null ? { priority: 'medium', known: false } : { priority, known: true };
}

/** What a status diagnostic tells the user to write: "Done, In Progress, …, Blocked or Cancelled". */
export const STATUS_WORDS_HINT = ['Done', 'In Progress', 'In Review', 'Open', 'Planned', 'Blocked', 'Cancelled'].join(', ').replace(/, (?=[^,]*$)/, ' or ');

function entryOf<T extends string>(entries: readonly VocabularyEntry<T>[], value: T): VocabularyEntry<T> {
  const entry = entries.find((candidate) => candidate.value === value);
  if (entry === undefined) throw new RangeError(`not a vocabulary value: ${value}`);
  return entry;
}

/** How a person reads a status, sentence case: "Done", "In progress", "In review", "Open", … */
export function statusLabel(status: Status): string {
  return entryOf(STATUS_VOCABULARY, status).label;
}

/** The canonical emoji of a status: ✅ 🔄 👀 📂 📋 ⏸️ ❌. */
export function statusEmoji(status: Status): string {
  return entryOf(STATUS_VOCABULARY, status).emoji[0] ?? '';
}

/** How a person reads a priority: "Critical", "High", "Medium", "Low". */
export function priorityLabel(priority: Priority): string {
  return entryOf(PRIORITY_VOCABULARY, priority).label;
}

/** The canonical emoji of a priority: 🔴 🟡 🟢 ⚪ (🟡 High, as the README and the examples write it). */
export function priorityEmoji(priority: Priority): string {
  return entryOf(PRIORITY_VOCABULARY, priority).emoji[0] ?? '';
}
