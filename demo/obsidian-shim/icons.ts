/**
 * `setIcon`: Obsidian draws Lucide icons; the sandbox draws a text glyph per icon id (no SVG
 * markup strings, no innerHTML), inside the same `.svg-icon` wrapper so styles can size it.
 */

const GLYPHS: Readonly<Record<string, string>> = {
  'refresh-cw': '⟳',
  'list-checks': '☑',
  download: '⤓',
  'file-down': '⤓',
  copy: '⧉',
  check: '✓',
  x: '✕',
  sun: '☀',
  moon: '☾',
  settings: '⚙',
  command: '⌘',
  database: '⛁',
  'rotate-ccw': '↺',
  code: '⟨⟩',
  'book-open': '¶',
};

/** Replaces `el`'s content with the glyph of `icon` (a dot for unknown ids). */
export function setIcon(el: HTMLElement, icon: string): void {
  el.empty();
  el.createSpan({ cls: ['svg-icon', `lucide-${icon}`], text: GLYPHS[icon] ?? '•', attr: { 'data-icon': icon, 'aria-hidden': 'true' } });
}

/** The icon ids the sandbox knows (anything else shows a dot). */
export function knownIcons(): string[] {
  return Object.keys(GLYPHS);
}
