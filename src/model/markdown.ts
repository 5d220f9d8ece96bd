/**
 * The markdown parser as the model uses it: mdast-util-from-markdown with GFM tables, task-list
 * items and strikethrough, plus YAML frontmatter for the first section of a note.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

const BODY_OPTIONS = {
  extensions: [gfmTable(), gfmTaskListItem(), gfmStrikethrough()],
  mdastExtensions: [gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown()],
};

const FIRST_OPTIONS = {
  extensions: [...BODY_OPTIONS.extensions, frontmatter(['yaml'])],
  mdastExtensions: [...BODY_OPTIONS.mdastExtensions, frontmatterFromMarkdown(['yaml'])],
};

/**
 * Parses markdown that is not a whole note (a story section's markdown for ADF, a comment): the
 * same GFM set-up as the note's sections, without frontmatter. Never throws.
 */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, BODY_OPTIONS);
}

/**
 * Parses one section of a note. Positions in the tree are relative to `text`.
 * @param first true for the section at the start of the note (frontmatter is recognised only there)
 */
export function parseSectionMarkdown(text: string, first: boolean): Root {
  return fromMarkdown(text, first ? FIRST_OPTIONS : BODY_OPTIONS);
}
