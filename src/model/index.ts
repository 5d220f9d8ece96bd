/**
 * The model's public API: parse an epic note, count its progress, read status and priority
 * words. Pure TypeScript: no Obsidian, no CodeMirror, no DOM.
 */
export * from './types';
export { parseEpic, PARSE_CACHE } from './parse';
export type { ParseResult, ParseCache, TextChange } from './parse';
export { progress } from './progress';
export {
  STATUS_VOCABULARY, PRIORITY_VOCABULARY, matchStatus, matchPriority, statusLabel, statusEmoji,
  priorityLabel, priorityEmoji,
} from './vocabulary';
export type { VocabularyEntry } from './vocabulary';
export { readPoints, pointsText, pointsWithUnit } from './points';
export { parseMarkdown } from './markdown';
export { looksLikeStoryHeader, textHasStoryHeader } from './story-header';
export { statusReplacement } from './status-text';
export { storyWith } from './moved-story';
export type { PointsReading } from './points';
