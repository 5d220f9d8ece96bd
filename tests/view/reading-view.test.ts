/**
 * Reading view: badges and totals added to rendered sections, matched by their line span; and
 * table cells rendered without section info (live preview's table widget) badged by their column.
 */
import { epicReadingViewProcessor } from '../../src/view/reading-view';
import { DEMO_NOTE } from '../editor/helpers';

const lines = DEMO_NOTE.split('\n');
const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));

function section(html: (el: HTMLElement) => void): HTMLElement {
  const el = activeDocument.body.createDiv();
  html(el);
  return el;
}

function context(lineStart: number, lineEnd: number, text = DEMO_NOTE): { sourcePath: string; getSectionInfo: () => { text: string; lineStart: number; lineEnd: number } } {
  return { sourcePath: 'Epics/Demo.md', getSectionInfo: () => ({ text, lineStart, lineEnd }) };
}

/** What Obsidian passes for cells of live preview's table widget: no section info. */
const NO_SECTION = { sourcePath: 'Epics/Demo.md', getSectionInfo: () => null };

/** A rendered table: header cells, then body rows, cells as plain text. */
function renderTable(parent: HTMLElement, header: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const table = parent.createEl('table');
  const head = table.createEl('thead').createEl('tr');
  for (const h of header) head.createEl('th', { text: h });
  const body = table.createEl('tbody');
  for (const row of rows) {
    const tr = body.createEl('tr');
    for (const cell of row) tr.createEl('td', { text: cell });
  }
  return table;
}

const statusesIn = (el: Element): (string | null)[] => Array.from(el.querySelectorAll('.spectryn-status-badge')).map((b) => b.getAttribute('data-status'));

test('a story heading gets its totals', () => {
  const process = epicReadingViewProcessor();
  const el = section((s) => s.createEl('h3', { text: '🔧 US-001: Done story' }));
  const line = lineOf('US-001');
  process(el, context(line, line));
  const totals = el.querySelector('h3 .spectryn-totals');
  expect(totals?.getAttribute('data-points-total')).toBe('4');
  expect(totals?.querySelector('.spectryn-totals-text')?.textContent).toBe('4 pts · 2/4 subtasks');
});

test('the epic title and phase headings get the totals of the epic and the phase', () => {
  const process = epicReadingViewProcessor();
  const title = section((s) => s.createEl('h1', { text: '🚀 Demo Epic' }));
  process(title, context(lineOf('# 🚀 Demo Epic'), lineOf('# 🚀 Demo Epic')));
  expect(title.querySelector('.spectryn-totals')?.getAttribute('data-scope')).toBe('epic');
  expect(title.querySelector('.spectryn-totals-text')?.textContent).toBe('4 of 17 pts done · 1/5 stories · 1 cancelled');
  const phase = section((s) => s.createEl('h2', { text: 'Phase 2: Ship' }));
  process(phase, context(lineOf('## Phase 2'), lineOf('## Phase 2')));
  expect(phase.querySelector('.spectryn-totals')?.getAttribute('data-points-total')).toBe('10');
  // Processing the same section twice (Obsidian re-renders) adds nothing.
  process(phase, context(lineOf('## Phase 2'), lineOf('## Phase 2')));
  expect(phase.querySelectorAll('.spectryn-totals')).toHaveLength(1);
});

test('status cells of a rendered table become badges', () => {
  const process = epicReadingViewProcessor();
  const start = lineOf('| # | Subtask |');
  const el = section((s) => {
    const table = s.createEl('table');
    const head = table.createEl('thead').createEl('tr');
    for (const h of ['#', 'Subtask', 'Description', 'SP', 'Status']) head.createEl('th', { text: h });
    const body = table.createEl('tbody');
    for (const row of lines.slice(start + 2, start + 6)) {
      const tr = body.createEl('tr');
      for (const cell of row.split('|').slice(1, -1)) tr.createEl('td', { text: cell.trim() });
    }
  });
  process(el, context(start, start + 5));
  expect(Array.from(el.querySelectorAll('.spectryn-status-badge')).map((b) => b.getAttribute('data-status'))).toEqual(['done', 'in_review', 'blocked', 'done']);
  // Only the status column changed.
  expect(el.querySelectorAll('td .spectryn-status-badge')).toHaveLength(4);
  expect(el.querySelector('tbody tr td')?.textContent).toBe('1');
});

test('the Issue cell of a subtask row keeps its key on one line (a class styles.css makes nowrap); other cells do not', () => {
  const process = epicReadingViewProcessor();
  const keyed = DEMO_NOTE.replace(/(\| # \| Subtask \| Description \| SP \| Status) \|\n\|([^\n]*)\|\n(\| 1 \|[^\n]*)\|/, '$1 | Issue |\n|$2|---|\n$3| DEMO-42 |');
  expect(keyed).toContain('| DEMO-42 |');
  const keyedLines = keyed.split('\n');
  const start = keyedLines.findIndex((l) => l.includes('| # | Subtask |'));
  const el = section((s) => renderTable(s, keyedLines[start]?.split('|').slice(1, -1).map((c) => c.trim()) ?? [], keyedLines.slice(start + 2, start + 6).map((row) => row.split('|').slice(1, -1).map((c) => c.trim()))));
  process(el, context(start, start + 5, keyed));
  expect(Array.from(el.querySelectorAll('.spectryn-key-cell')).map((cell) => cell.textContent)).toEqual(['DEMO-42']);
});

test('inline fields in a paragraph become badges', () => {
  const process = epicReadingViewProcessor();
  const line = lineOf('**Story Points**: 3');
  const el = section((s) => {
    const p = s.createEl('p');
    p.createEl('strong', { text: 'Story Points' });
    p.append(': 3  ');
    p.createEl('strong', { text: 'Status' });
    p.append(': 📂 Open');
  });
  process(el, context(line, line));
  const badge = el.querySelector('.spectryn-status-badge');
  expect(badge?.getAttribute('data-status')).toBe('open');
  expect(el.textContent).toBe('Story Points: 3  Status: 📂Open');
});

test('issue links become chips', () => {
  const process = epicReadingViewProcessor();
  const line = lineOf('**Issue:**');
  const el = section((s) => s.createEl('blockquote').createEl('p').createEl('a', { text: 'DEMO-7', href: 'https://tracker.invalid/browse/DEMO-7' }));
  process(el, context(line, line));
  expect(el.querySelector('a')?.classList.contains('spectryn-issue-chip')).toBe(true);
});

test('an issue link to javascript: in the note: the chip keeps no href', () => {
  const process = epicReadingViewProcessor();
  const hostile = DEMO_NOTE.replace('(https://tracker.invalid/browse/DEMO-7)', '(javascript:alert(1))');
  expect(hostile).not.toBe(DEMO_NOTE);
  const line = lineOf('**Issue:**');
  // What a markdown renderer may produce from that line: the note's own target on the link.
  const el = section((s) => s.createEl('blockquote').createEl('p').createEl('a', { text: 'DEMO-7', href: 'javascript:alert(1)' }));
  process(el, context(line, line, hostile));
  const chip = el.querySelector('a.spectryn-issue-chip');
  expect(chip?.getAttribute('data-issue-key')).toBe('DEMO-7');
  expect(chip?.hasAttribute('href')).toBe(false);
});

test('switched off, or a note without stories: nothing changes', () => {
  const off = epicReadingViewProcessor({ enabled: () => false });
  const el = section((s) => s.createEl('h3', { text: '🔧 US-001: Done story' }));
  off(el, context(lineOf('US-001'), lineOf('US-001')));
  expect(el.querySelector('.spectryn-totals')).toBeNull();
  const on = epicReadingViewProcessor();
  const plain = section((s) => s.createEl('h2', { text: 'Done' }));
  on(plain, context(0, 0, '## Done\n\nStatus:: ✅ Done\n'));
  expect(plain.innerHTML).toBe('<h2>Done</h2>');
});

describe('table cells rendered without section info (live preview table widget)', () => {
  const epicNote = (path: string): boolean => path === 'Epics/Demo.md';

  test('cells of a Status column with a known status get a display-only badge', () => {
    const process = epicReadingViewProcessor({ isEpicNote: epicNote });
    const el = section((s) => renderTable(s, ['#', 'Subtask', 'SP', 'Status'], [
      ['1', 'Done', '2', '✅ Done'], ['2', 'Two', '1', '👀 In Review'], ['3', 'Three', '1', 'Sleeping'], ['4', 'Four', '1', 'Blocked'],
    ]));
    process(el.querySelector('table') as HTMLElement, NO_SECTION);
    expect(statusesIn(el)).toEqual(['done', 'in_review', 'blocked']);
    // Only the Status column: the subtask named "Done" keeps its text.
    expect(el.querySelector('tbody tr td:nth-child(2)')?.textContent).toBe('Done');
    expect(el.querySelectorAll('td:nth-child(4) .spectryn-status-badge')).toHaveLength(3);
    // Display only: nothing to click or focus, no menu.
    expect(el.querySelectorAll('[data-spectryn-badge], [role="button"], [tabindex]')).toHaveLength(0);
    // Obsidian may run the processor again on the same cells: still one badge each.
    process(el.querySelector('table') as HTMLElement, NO_SECTION);
    expect(statusesIn(el)).toEqual(['done', 'in_review', 'blocked']);
  });

  test('a metadata row whose first cell is Status (or State) gets its badge; other rows do not', () => {
    const process = epicReadingViewProcessor({ isEpicNote: epicNote });
    const el = section((s) => renderTable(s, ['Field', 'Value'], [['**Story Points**', '4'], ['Status', '🔄 In Progress'], ['Owner', 'Done']]));
    process(el, NO_SECTION);
    expect(statusesIn(el)).toEqual(['in_progress']);
    const state = section((s) => renderTable(s, ['Field', 'Value'], [['State', 'closed']]));
    process(state, NO_SECTION);
    expect(statusesIn(state)).toEqual(['done']);
  });

  test('the processor may get the cell itself, or an element rendered inside it', () => {
    const process = epicReadingViewProcessor({ isEpicNote: epicNote });
    const el = section((s) => renderTable(s, ['Field', 'Value'], [['**Status**', '']]));
    const cell = el.querySelectorAll('td')[1] as HTMLElement;
    const inner = cell.createDiv({ cls: 'table-cell-wrapper' });
    inner.createSpan({ text: '✅ ' });
    inner.createEl('strong', { text: 'Done' });
    process(inner, NO_SECTION);
    expect(statusesIn(cell)).toEqual(['done']);
    expect(cell.querySelector('.spectryn-status-label')?.textContent).toBe('Done');
    const other = section((s) => renderTable(s, ['Status'], [['📂 Open']]));
    process(other.querySelector('td') as HTMLElement, NO_SECTION);
    expect(statusesIn(other)).toEqual(['open']);
  });

  test('nothing happens in notes without stories, for header cells, or when switched off', () => {
    const table = (): HTMLElement => section((s) => renderTable(s, ['Status', 'Done'], [['✅ Done', 'x']]));
    const plain = table();
    epicReadingViewProcessor({ isEpicNote: () => false })(plain, NO_SECTION);
    epicReadingViewProcessor()(plain, NO_SECTION);
    expect(statusesIn(plain)).toEqual([]);
    const on = table();
    epicReadingViewProcessor({ isEpicNote: epicNote })(on, NO_SECTION);
    // The header "Done" names a column: no badge there.
    expect(statusesIn(on)).toEqual(['done']);
    expect(on.querySelector('th:nth-child(2)')?.textContent).toBe('Done');
    const off = table();
    epicReadingViewProcessor({ isEpicNote: epicNote, enabled: () => true, cellsEnabled: () => false })(off, NO_SECTION);
    expect(statusesIn(off)).toEqual([]);
  });
});
