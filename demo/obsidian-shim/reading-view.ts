/**
 * Reading view: the note rendered as Obsidian renders it, one element per top-level block
 * (`.markdown-preview-section > div`), then every registered markdown post processor is called on
 * each block with a context whose `getSectionInfo` gives the note text and the block's 0-based
 * line span. Markdown is parsed with the plugin's own parser settings (GFM tables, task lists,
 * strikethrough, frontmatter); DOM is built with `createEl` only.
 */
import type { Nodes, Root, RootContent, PhrasingContent, TableRow } from 'mdast';
import { parseSectionMarkdown } from '../../src/model/markdown';

/** What a post processor's context offers (the parts the sandbox implements). */
export interface SectionContext {
  readonly docId: string;
  readonly sourcePath: string;
  readonly frontmatter: unknown;
  getSectionInfo(el: HTMLElement): { text: string; lineStart: number; lineEnd: number } | null;
  addChild(child: unknown): void;
}

/** A markdown post processor. */
export type PostProcessor = (el: HTMLElement, ctx: SectionContext) => unknown;

function renderInline(parent: HTMLElement, nodes: readonly PhrasingContent[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        parent.appendText(node.value);
        break;
      case 'strong':
        renderInline(parent.createEl('strong'), node.children);
        break;
      case 'emphasis':
        renderInline(parent.createEl('em'), node.children);
        break;
      case 'delete':
        renderInline(parent.createEl('del'), node.children);
        break;
      case 'inlineCode':
        parent.createEl('code', { text: node.value });
        break;
      case 'link':
        renderInline(parent.createEl('a', { href: node.url, cls: 'external-link', attr: { target: '_blank', rel: 'noopener' } }), node.children);
        break;
      case 'image':
        parent.createSpan({ cls: 'image-embed', text: node.alt ?? '' });
        break;
      case 'break':
        parent.createEl('br');
        break;
      case 'html':
        parent.appendText(node.value);
        break;
      default:
        if ('children' in node) renderInline(parent, node.children);
        else if ('value' in node) parent.appendText(String(node.value));
    }
  }
}

function renderRow(parent: HTMLElement, row: TableRow, cell: 'th' | 'td'): void {
  const tr = parent.createEl('tr');
  for (const c of row.children) renderInline(tr.createEl(cell), c.children);
}

function renderBlock(parent: HTMLElement, node: RootContent | Nodes): void {
  switch (node.type) {
    case 'heading':
      renderInline(parent.createEl(`h${String(node.depth)}` as 'h1'), node.children);
      break;
    case 'paragraph':
      renderInline(parent.createEl('p'), node.children);
      break;
    case 'blockquote': {
      const quote = parent.createEl('blockquote');
      for (const child of node.children) renderBlock(quote, child);
      break;
    }
    case 'list': {
      const list = parent.createEl(node.ordered ? 'ol' : 'ul', { cls: node.children.some((i) => typeof i.checked === 'boolean') ? 'contains-task-list' : '' });
      for (const item of node.children) {
        const li = list.createEl('li', { cls: typeof item.checked === 'boolean' ? 'task-list-item' : '', attr: { 'data-task': item.checked === true ? 'x' : item.checked === false ? ' ' : null } });
        if (typeof item.checked === 'boolean') li.createEl('input', { type: 'checkbox', cls: 'task-list-item-checkbox', attr: { checked: item.checked, disabled: true } });
        for (const child of item.children) {
          // Tight lists render their paragraphs inline, as Obsidian does.
          if (child.type === 'paragraph' && node.spread !== true) renderInline(li, child.children);
          else renderBlock(li, child);
        }
      }
      break;
    }
    case 'table': {
      const table = parent.createEl('table');
      const [head, ...body] = node.children;
      if (head) renderRow(table.createEl('thead'), head, 'th');
      const tbody = table.createEl('tbody');
      for (const row of body) renderRow(tbody, row, 'td');
      break;
    }
    case 'code':
      parent.createEl('pre').createEl('code', { text: node.value, cls: node.lang ? `language-${node.lang}` : '' });
      break;
    case 'thematicBreak':
      parent.createEl('hr');
      break;
    case 'yaml': {
      const properties = parent.createEl('pre', { cls: 'frontmatter' });
      properties.createEl('code', { text: node.value });
      break;
    }
    case 'html':
      parent.createEl('p', { text: node.value });
      break;
    default:
      if ('children' in node) for (const child of node.children as RootContent[]) renderBlock(parent, child);
  }
}

/** Options of {@link renderReadingView}. */
export interface RenderOptions {
  readonly text: string;
  readonly sourcePath: string;
  readonly processors: readonly PostProcessor[];
}

/** What a rendered note offers its view. */
export interface RenderedNote {
  /** The block showing the 0-based source `line` (the last block starting at or before it), or null when nothing is rendered. */
  blockAt(line: number): HTMLElement | null;
}

/** Replaces `container`'s content with the rendered note and runs the post processors on each block. */
export function renderReadingView(container: HTMLElement, options: RenderOptions): RenderedNote {
  container.empty();
  const sizer = container.createDiv({ cls: 'markdown-preview-sizer markdown-preview-section' });
  const root: Root = parseSectionMarkdown(options.text, true);
  const spans = new Map<HTMLElement, { lineStart: number; lineEnd: number }>();
  const ctx: SectionContext = {
    docId: options.sourcePath,
    sourcePath: options.sourcePath,
    frontmatter: null,
    getSectionInfo: (el) => {
      const span = spans.get(el);
      return span ? { text: options.text, ...span } : null;
    },
    addChild: () => undefined,
  };
  for (const node of root.children) {
    const block = sizer.createDiv();
    renderBlock(block, node);
    const start = node.position?.start.line ?? 1;
    const end = node.position?.end.line ?? start;
    spans.set(block, { lineStart: start - 1, lineEnd: end - 1 });
  }
  for (const block of spans.keys()) {
    for (const processor of options.processors) {
      try {
        void processor(block, ctx);
      } catch (error) {
        console.error('Sandbox: a markdown post processor failed', error);
      }
    }
  }
  return {
    blockAt(line: number): HTMLElement | null {
      let found: HTMLElement | null = null;
      for (const [block, span] of spans) if (span.lineStart <= line) found = block;
      return found;
    },
  };
}
