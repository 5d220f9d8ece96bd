/**
 * The epic editor extension on a real EditorView (jsdom): badges for every status, totals,
 * issue chips, the status menu, diagnostics, modes, debounced re-parse, and notes without stories.
 */
import { history, undo } from '@codemirror/commands';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { editorLivePreviewField } from 'obsidian';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { STATUSES, type ParseResult } from '../../src/model';
import { epicField, flushEpicParse, refreshEpicDecorations } from '../../src/editor';
import { EAGER_PARSE_LIMIT, epicMarksBetween } from '../../src/editor/epic-field';
import { diagnosticsAt, diagnosticTooltip } from '../../src/editor/diagnostic-tooltip';
import { DEMO_NOTE, mountEditor, offsetOf, PLAIN_NOTE } from './helpers';

const views: EditorView[] = [];
function mount(...args: Parameters<typeof mountEditor>): EditorView {
  const view = mountEditor(...args);
  views.push(view);
  return view;
}

afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
  for (const menu of Array.from(activeDocument.querySelectorAll('.menu'))) menu.remove();
  jest.useRealTimers();
});

/** A menu item's title (the stand-in's menu also draws a check mark on the checked item). */
const titleOf = (item: Element): string | null => item.querySelector('.menu-item-title')?.textContent ?? null;
const badges = (view: EditorView): HTMLElement[] => Array.from(view.contentDOM.querySelectorAll<HTMLElement>('.spectryn-status-badge'));
const totalsOf = (view: EditorView): HTMLElement[] => Array.from(view.contentDOM.querySelectorAll<HTMLElement>('.spectryn-totals'));

/** A press and a click, as a user's click delivers them; returns whether the press was cancelled. */
function click(el: Element): boolean {
  const init = { bubbles: true, cancelable: true, button: 0, clientX: 10, clientY: 10 };
  const press = new MouseEvent('mousedown', init);
  el.dispatchEvent(press);
  el.dispatchEvent(new MouseEvent('mouseup', init));
  el.dispatchEvent(new MouseEvent('click', init));
  return press.defaultPrevented;
}

describe('status badges', () => {
  test('every status gets a badge with its emoji, label and data-status', () => {
    const view = mount({ text: DEMO_NOTE });
    const byStatus = new Map<string, string[]>();
    for (const b of badges(view)) {
      const status = b.getAttribute('data-status') ?? '';
      byStatus.set(status, [...(byStatus.get(status) ?? []), b.textContent ?? '']);
    }
    for (const status of STATUSES) expect(byStatus.has(status)).toBe(true);
    expect(byStatus.get('done')).toEqual(['✅Done', '✅Done', '✅Done']);
    expect(byStatus.get('in_progress')).toEqual(['🔄In progress']);
    expect(byStatus.get('cancelled')).toEqual(['❌Cancelled']);
    // 1 epic + 5 stories + 4 subtask cells.
    expect(badges(view)).toHaveLength(10);
    // The raw text is replaced where the cursor is not.
    expect(view.contentDOM.textContent).not.toContain('📂 Open');
  });

  test('an unknown status reads as planned and says so', () => {
    const view = mount({ text: DEMO_NOTE });
    const unknown = badges(view).filter((b) => b.classList.contains('is-unknown'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.getAttribute('data-status')).toBe('planned');
    expect(unknown[0]?.getAttribute('aria-label')).toContain('"Sleeping" is not one we know');
  });

  test('the source text shows where the cursor is', () => {
    const cursor = offsetOf(DEMO_NOTE, '📂 Open') + 2;
    const view = mount({ text: DEMO_NOTE, cursor });
    expect(badges(view)).toHaveLength(9);
    expect(view.contentDOM.textContent).toContain('📂 Open');
    view.dispatch({ selection: { anchor: 0 } });
    expect(badges(view)).toHaveLength(10);
    expect(view.contentDOM.textContent).not.toContain('📂 Open');
  });

  test('source mode keeps the text and tints it', () => {
    const view = mount({ text: DEMO_NOTE, livePreview: false });
    const open = badges(view).find((b) => b.getAttribute('data-status') === 'open');
    expect(open?.textContent).toBe('📂 Open');
    expect(open?.classList.contains('spectryn-status-source')).toBe(true);
    expect(view.contentDOM.querySelectorAll('[data-spectryn-badge]')).toHaveLength(0);
    expect(totalsOf(view).length).toBeGreaterThan(0);
  });

  test('switching between live preview and source mode rebuilds the decorations', () => {
    const mode = new Compartment();
    const view = mount({ text: DEMO_NOTE, livePreview: null, extra: mode.of(editorLivePreviewField.init(() => true)) });
    expect(view.contentDOM.querySelectorAll('[data-spectryn-badge]')).toHaveLength(10);
    // A field keeps its value while configured: take it out, then put it back as source mode.
    view.dispatch({ effects: mode.reconfigure([]) });
    view.dispatch({ effects: mode.reconfigure(editorLivePreviewField.init(() => false)) });
    expect(view.contentDOM.querySelectorAll('[data-spectryn-badge]')).toHaveLength(0);
    expect(view.contentDOM.querySelectorAll('.spectryn-status-source')).toHaveLength(10);
    view.dispatch({ effects: mode.reconfigure([]) });
    view.dispatch({ effects: mode.reconfigure(editorLivePreviewField.init(() => true)) });
    expect(view.contentDOM.querySelectorAll('[data-spectryn-badge]')).toHaveLength(10);
  });

  test('source mode decorations can be turned off; live preview ones stay', () => {
    const display = { livePreview: true, sourceMode: false };
    const source = mount({ text: DEMO_NOTE, livePreview: false, display });
    expect(badges(source)).toHaveLength(0);
    expect(totalsOf(source)).toHaveLength(0);
    const live = mount({ text: DEMO_NOTE, livePreview: true, display });
    expect(badges(live)).toHaveLength(10);
  });

  test('a refresh effect applies changed settings', () => {
    let display = { livePreview: true, sourceMode: true };
    const view = mount({ text: DEMO_NOTE, display: () => display });
    expect(badges(view)).toHaveLength(10);
    display = { livePreview: false, sourceMode: true };
    view.dispatch({ effects: refreshEpicDecorations.of(null) });
    expect(badges(view)).toHaveLength(0);
    expect(totalsOf(view)).toHaveLength(0);
  });
});

describe('totals', () => {
  test('story, phase and epic headings show their totals and data hooks', () => {
    const view = mount({ text: DEMO_NOTE });
    const all = totalsOf(view).map((t) => ({
      scope: t.getAttribute('data-scope'),
      text: t.querySelector('.spectryn-totals-text')?.textContent,
      done: t.getAttribute('data-points-done'),
      total: t.getAttribute('data-points-total'),
      flags: Array.from(t.querySelectorAll('.spectryn-totals-flag')).map((f) => f.getAttribute('data-flag')),
    }));
    expect(all).toEqual([
      { scope: 'epic', text: '4 of 17 pts done · 1/5 stories · 1 cancelled', done: '4', total: '17', flags: [] },
      { scope: 'phase', text: '4 of 7 pts done · 1/3 stories · 1 cancelled', done: '4', total: '7', flags: [] },
      { scope: 'story', text: '4 pts · 2/4 subtasks', done: '4', total: '4', flags: ['subtask-points-exceed'] },
      { scope: 'story', text: '3 pts', done: '0', total: '3', flags: [] },
      { scope: 'story', text: '? pts', done: '0', total: '0', flags: ['unestimated'] },
      { scope: 'phase', text: '0 of 10 pts done · 0/2 stories', done: '0', total: '10', flags: [] },
      { scope: 'story', text: '8 pts', done: '0', total: '8', flags: [] },
      { scope: 'story', text: '2 pts', done: '0', total: '2', flags: [] },
    ]);
  });

  test('totals sit at the end of their heading line', () => {
    const view = mount({ text: DEMO_NOTE });
    const story = totalsOf(view).find((t) => t.getAttribute('data-scope') === 'story');
    expect(story?.closest('.cm-line')?.textContent).toBe('### 🔧 US-001: Done story4 pts · 2/4 subtasksSubtasks 5 > 4 pts');
  });
});

describe('issue chips', () => {
  test('the written-back issue line renders as a chip linking to the tracker', () => {
    const view = mount({ text: DEMO_NOTE });
    const chip = view.contentDOM.querySelector('a.spectryn-issue-chip');
    expect(chip?.textContent).toBe('DEMO-7');
    expect(chip?.getAttribute('href')).toBe('https://tracker.invalid/browse/DEMO-7');
    expect(view.contentDOM.textContent).not.toContain('**Issue:**');
  });

  test('source mode keeps the line as written and styles the key as a chip', () => {
    const view = mount({ text: DEMO_NOTE, livePreview: false });
    const chip = view.contentDOM.querySelector('.spectryn-issue-chip');
    expect(chip?.textContent).toBe('DEMO-7');
    expect(chip?.classList.contains('spectryn-issue-source')).toBe(true);
    expect(chip?.getAttribute('title')).toBe('https://tracker.invalid/browse/DEMO-7');
    expect(chip?.closest('.cm-line')?.textContent).toBe(DEMO_NOTE.split('\n')[7]);
    const off = mount({ text: DEMO_NOTE, livePreview: false, display: { livePreview: true, sourceMode: false } });
    expect(off.contentDOM.querySelector('.spectryn-issue-chip')).toBeNull();
  });

  test('with the cursor on it, the line shows as written', () => {
    const view = mount({ text: DEMO_NOTE, cursor: offsetOf(DEMO_NOTE, '**Issue:**') });
    expect(view.contentDOM.querySelector('.spectryn-issue-chip')).toBeNull();
    expect(view.contentDOM.textContent).toContain('> **Issue:** [DEMO-7]');
  });
});

describe('status menu', () => {
  function openMenuOn(view: EditorView, status: string): HTMLElement[] {
    const badge = view.contentDOM.querySelector(`[data-spectryn-badge][data-status="${status}"]`);
    if (!badge) throw new Error(`no ${status} badge`);
    const head = view.state.selection.main.head;
    // The press does not move the cursor onto the badge (which would reveal the source instead).
    expect(click(badge)).toBe(true);
    expect(view.state.selection.main.head).toBe(head);
    return Array.from(activeDocument.querySelectorAll<HTMLElement>('.menu .menu-item'));
  }

  test('clicking a badge lists every status, the current one checked', () => {
    const view = mount({ text: DEMO_NOTE });
    const items = openMenuOn(view, 'open');
    expect(activeDocument.querySelectorAll('.menu')).toHaveLength(1);
    expect(items.map(titleOf)).toEqual(['📋 Planned', '📂 Open', '🔄 In progress', '👀 In review', '⏸️ Blocked', '✅ Done', '❌ Cancelled']);
    expect(items.filter((i) => i.getAttribute('data-checked') === 'true').map(titleOf)).toEqual(['📂 Open']);
  });

  test('choosing a status rewrites exactly that text in one transaction; undo restores it', () => {
    jest.useFakeTimers();
    const updates: ViewUpdate[] = [];
    const cursor = offsetOf(DEMO_NOTE, 'Inline story');
    const view = mount({ text: DEMO_NOTE, cursor, debounceMs: 150, extra: [history(), EditorView.updateListener.of((u) => { if (u.docChanged) updates.push(u); })] });
    const items = openMenuOn(view, 'open');
    items.find((i) => titleOf(i) === '✅ Done')?.click();
    expect(updates).toHaveLength(1);
    expect(updates[0]?.transactions).toHaveLength(1);
    const expected = DEMO_NOTE.replace('**Status**: 📂 Open', '**Status**: ✅ Done');
    expect(view.state.doc.toString()).toBe(expected);
    // The cursor stayed where it was.
    expect(view.state.selection.main.head).toBe(cursor);
    // The badge shows the new status at once, before any re-parse; the menu closed.
    expect(badges(view).filter((b) => b.getAttribute('data-status') === 'open')).toHaveLength(0);
    expect(badges(view).filter((b) => b.getAttribute('data-status') === 'done')).toHaveLength(4);
    expect(activeDocument.querySelector('.menu')).toBeNull();
    // One undo (the editor's own command) restores the text, within the re-parse pause, and the
    // badge says Open again at once, not the Done the menu wrote.
    jest.advanceTimersByTime(50);
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe(DEMO_NOTE);
    const statuses = (): (string | null)[] => badges(view).map((b) => b.getAttribute('data-status'));
    expect(statuses().filter((s) => s === 'open')).toHaveLength(1);
    expect(statuses().filter((s) => s === 'done')).toHaveLength(3);
    // And after the re-parse (which hands back the very parse of before: same text).
    jest.advanceTimersByTime(500);
    expect(view.state.field(epicField).stale).toBe(false);
    expect(statuses().filter((s) => s === 'open')).toHaveLength(1);
    expect(statuses().filter((s) => s === 'done')).toHaveLength(3);
  });

  test('the menu writes where the value is now, after edits made while it was open', () => {
    const view = mount({ text: DEMO_NOTE });
    const items = openMenuOn(view, 'open');
    // Text typed above the value (or written back by a sync) moves it.
    view.dispatch({ changes: { from: 0, insert: 'Typed meanwhile\n' } });
    items.find((i) => titleOf(i) === '✅ Done')?.click();
    expect(view.state.doc.toString()).toBe(`Typed meanwhile\n${DEMO_NOTE.replace('**Status**: 📂 Open', '**Status**: ✅ Done')}`);
  });

  test('a badge is reachable with the keyboard and Enter or Space opens its menu', () => {
    const view = mount({ text: DEMO_NOTE });
    const badge = view.contentDOM.querySelector<HTMLElement>('[data-spectryn-badge][data-status="open"]');
    if (!badge) throw new Error('no open badge');
    expect(badge.getAttribute('tabindex')).toBe('0');
    expect(badge.getAttribute('role')).toBe('button');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    badge.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(activeDocument.querySelectorAll('.menu')).toHaveLength(1);
    Array.from(activeDocument.querySelectorAll<HTMLElement>('.menu .menu-item')).find((i) => titleOf(i) === '⏸️ Blocked')?.click();
    expect(view.state.doc.toString()).toBe(DEMO_NOTE.replace('**Status**: 📂 Open', '**Status**: ⏸️ Blocked'));
    // Focus is back in the editor after the pick, so typing goes on there.
    expect(view.hasFocus).toBe(true);
    const cancelled = view.contentDOM.querySelector<HTMLElement>('[data-spectryn-badge][data-status="cancelled"]');
    if (!cancelled) throw new Error('no cancelled badge');
    cancelled.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    expect(Array.from(activeDocument.querySelectorAll('.menu .menu-item[data-checked="true"]')).map(titleOf)).toEqual(['❌ Cancelled']);
    // Other keys are the editor's.
    const other = new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true });
    cancelled.dispatchEvent(other);
    expect(other.defaultPrevented).toBe(false);
  });

  test('a status written without emoji is rewritten without emoji', () => {
    const view = mount({ text: DEMO_NOTE });
    const plainDone = offsetOf(DEMO_NOTE, '| 1 | Done |') + 6;
    const badge = badges(view).find((b) => view.posAtDOM(b) === plainDone);
    if (!badge) throw new Error('no badge for the plain Done cell');
    click(badge);
    const items = Array.from(activeDocument.querySelectorAll<HTMLElement>('.menu .menu-item'));
    items.find((i) => titleOf(i) === '⏸️ Blocked')?.click();
    expect(view.state.doc.toString()).toBe(DEMO_NOTE.replace('| 1 | Done |', '| 1 | Blocked |'));
  });
});

describe('diagnostics', () => {
  test('model diagnostics are underlined over their first line', () => {
    const view = mount({ text: DEMO_NOTE });
    const { result } = view.state.field(epicField);
    const marks = Array.from(view.contentDOM.querySelectorAll('.spectryn-diagnostic'));
    const shown = marks.map((m) => `${m.getAttribute('data-code') ?? ''}:${m.hasAttribute('data-spectryn-badge') ? 'badge' : 'underline'}`);
    // A diagnostic on a status value is shown on the badge that replaces the text, message on hover.
    expect(result?.diagnostics.map((d) => d.code)).toEqual(['done-with-open-subtasks', 'subtask-points-exceed-story', 'unestimated', 'unknown-status']);
    expect(shown.sort()).toEqual(['done-with-open-subtasks:badge', 'subtask-points-exceed-story:underline', 'unestimated:underline', 'unknown-status:badge']);
    const unestimated = marks.find((m) => m.getAttribute('data-code') === 'unestimated');
    expect(unestimated?.textContent).toBe('TBD');
    expect(unestimated?.getAttribute('data-severity')).toBe('info');
    const exceed = marks.find((m) => m.getAttribute('data-code') === 'subtask-points-exceed-story');
    expect(exceed?.closest('.cm-line')?.textContent).toBe('| # | Subtask | Description | SP | Status |');
    const doneBadge = marks.find((m) => m.getAttribute('data-code') === 'done-with-open-subtasks');
    expect(doneBadge?.getAttribute('aria-label')).toBe('US-001: The story is done but 2 subtasks are not done.');
  });
});

describe('diagnostic tooltips', () => {
  test('hovering an underline lists its messages', () => {
    const view = mount({ text: DEMO_NOTE });
    const at = offsetOf(DEMO_NOTE, 'TBD') + 1;
    expect(diagnosticsAt(view.state, at).map((d) => d.spec.code)).toEqual(['unestimated']);
    const tooltip = diagnosticTooltip(view.state, at);
    expect(tooltip).toMatchObject({ pos: offsetOf(DEMO_NOTE, 'TBD'), end: offsetOf(DEMO_NOTE, 'TBD') + 3 });
    const dom = tooltip?.create(view).dom;
    expect(dom?.textContent).toBe('US-003: The story is not estimated yet; it counts 0 points.');
    expect(dom?.querySelector('[data-code="unestimated"]')?.classList.contains('spectryn-diagnostic-message-info')).toBe(true);
    expect(diagnosticTooltip(view.state, 0)).toBeNull();
  });
});

describe('parsing', () => {
  test('typing is not parsed until the pause; then parsed once with the host told', () => {
    jest.useFakeTimers();
    const parses: ParseResult[] = [];
    const view = mount({ text: DEMO_NOTE, onParsed: (r) => parses.push(r), debounceMs: 150 });
    jest.advanceTimersByTime(1);
    expect(parses).toHaveLength(1);
    const at = offsetOf(DEMO_NOTE, '| **Story Points** | 4 |') + '| **Story Points** | '.length;
    for (const ch of ['1', '2']) {
      const pos = view.state.selection.main.head === 0 ? at : view.state.selection.main.head;
      view.dispatch({ changes: { from: pos, insert: ch }, selection: { anchor: pos + 1 } });
      jest.advanceTimersByTime(100);
    }
    expect(parses).toHaveLength(1);
    expect(view.state.field(epicField).stale).toBe(true);
    jest.advanceTimersByTime(150);
    expect(parses).toHaveLength(2);
    expect(view.state.field(epicField).stale).toBe(false);
    expect(parses[1]?.epic.stories[0]?.storyPoints).toBe(124);
    const story = totalsOf(view).find((t) => t.getAttribute('data-scope') === 'story');
    expect(story?.getAttribute('data-points-total')).toBe('124');
  });

  test('until the re-parse, decorations are mapped through the edits', () => {
    const view = mount({ text: DEMO_NOTE });
    view.dispatch({ changes: { from: 0, insert: 'x\n' } });
    const fresh = mountEditor({ text: `x\n${DEMO_NOTE}` });
    views.push(fresh);
    const ranges = (v: EditorView): string[] => {
      const out: string[] = [];
      epicMarksBetween(v.state.field(epicField), 0, v.state.doc.length, (from, to, m) => { out.push(`${m.spec.kind}@${from}-${to}`); });
      return out;
    };
    expect(ranges(view).length).toBeGreaterThan(20);
    expect(ranges(view)).toEqual(ranges(fresh));
  });

  test('an edit undone within the pause leaves the decorations of the text as it is, also after the re-parse', () => {
    jest.useFakeTimers();
    const view = mount({ text: DEMO_NOTE, debounceMs: 150, extra: history() });
    const shown = (): string[] => [
      ...badges(view).map((b) => `${b.getAttribute('data-status') ?? ''}@${view.state.doc.lineAt(view.posAtDOM(b)).number}`),
      ...totalsOf(view).map((t) => `${t.querySelector('.spectryn-totals-text')?.textContent ?? ''}@${view.state.doc.lineAt(view.posAtDOM(t)).number}`),
    ];
    const before = shown();
    expect(before).toHaveLength(18);
    // Delete two stories (US-002 and US-003), then undo before the re-parse.
    const from = offsetOf(DEMO_NOTE, '### 🚀 US-002');
    const to = offsetOf(DEMO_NOTE, '## Phase 2');
    view.dispatch({ changes: { from, to }, userEvent: 'delete.selection' });
    jest.advanceTimersByTime(50);
    expect(undo(view)).toBe(true);
    expect(view.state.doc.toString()).toBe(DEMO_NOTE);
    view.dispatch({ selection: { anchor: 0 } });
    jest.advanceTimersByTime(500);
    expect(view.state.field(epicField).stale).toBe(false);
    expect(shown()).toEqual(before);
  });

  test('a long note opens without parsing and is parsed right after, in slices', () => {
    jest.useFakeTimers();
    const parses: { result: ParseResult; partial: boolean }[] = [];
    // Sections after the stories: a slice ends before a heading.
    const filler = Array.from({ length: Math.ceil(EAGER_PARSE_LIMIT / 1000) }, (_, i) => `\n## Notes ${String(i)}\n\n${'Lorem ipsum dolor sit amet. '.repeat(40)}\n`).join('');
    const text = DEMO_NOTE + filler;
    const view = mount({ text, onParsed: (result, partial) => parses.push({ result, partial }) });
    expect(view.state.field(epicField)).toMatchObject({ result: null, active: true, stale: true });
    expect(badges(view)).toHaveLength(0);
    jest.advanceTimersByTime(0);
    jest.runOnlyPendingTimers();
    expect(parses.length).toBeGreaterThan(1);
    jest.runAllTimers();
    // Every slice is the note's beginning and only the last, the whole note, is for the host.
    for (const { result, partial } of parses) {
      expect(text.startsWith(result.text)).toBe(true);
      expect(partial).toBe(result.text.length < text.length);
    }
    expect(parses.at(-1)?.result.text).toBe(text);
    expect(view.state.field(epicField).stale).toBe(false);
    expect(badges(view)).toHaveLength(10);
  });

  test('typing while a long note opens: every slice reads the edits, no parse of the whole note before the last slice', () => {
    jest.useFakeTimers();
    const parses: { result: ParseResult; partial: boolean }[] = [];
    const filler = `\n${'Lorem ipsum dolor sit amet. '.repeat(40)}\n`.repeat(Math.ceil(EAGER_PARSE_LIMIT / 1000));
    const view = mount({ text: DEMO_NOTE + filler + DEMO_NOTE.replace(/US-0/g, 'US-1'), onParsed: (result, partial) => parses.push({ result, partial }), debounceMs: 150 });
    jest.advanceTimersToNextTimer();
    // The first slice is parsed and shown, the rest is not yet.
    expect(parses.map((p) => p.partial)).toEqual([true]);
    expect(view.state.field(epicField).stale).toBe(true);
    const status = offsetOf(view.state.doc.toString(), '📂 Open');
    view.dispatch({ changes: [{ from: status, to: status + '📂 Open'.length, insert: '✅ Done' }, { from: view.state.doc.length, insert: '\nx' }] });
    jest.advanceTimersByTime(200);
    jest.runAllTimers();
    expect(parses.filter((p) => !p.partial)).toHaveLength(1);
    const doc = view.state.doc.toString();
    expect(parses.at(-1)?.result.text).toBe(doc);
    const fresh = mount({ text: doc });
    const shown = (v: EditorView): string[] => {
      const out: string[] = [];
      epicMarksBetween(v.state.field(epicField), 0, v.state.doc.length, (from, to, mark) => { out.push(`${String(from)}-${String(to)} ${JSON.stringify(mark.spec)}`); });
      return out.sort();
    };
    jest.runAllTimers();
    expect(shown(view)).toEqual(shown(fresh));
  });

  test('a parser that throws (the host\'s store) is reported and the editor keeps its last parse', () => {
    jest.useFakeTimers();
    const errors: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args); });
    try {
      let parses = 0;
      const view = mount({ text: DEMO_NOTE, onParsed: () => { parses += 1; if (parses > 1) throw new Error('host broke'); } });
      expect(badges(view)).toHaveLength(10);
      view.dispatch({ changes: { from: 0, insert: 'x' } });
      jest.advanceTimersByTime(200);
      expect(String(errors.flat().find((e) => e instanceof Error))).toContain('host broke');
      expect(badges(view)).toHaveLength(10);
    } finally {
      spy.mockRestore();
    }
  });

  test('flushEpicParse parses at once and is a no-op when fresh', () => {
    const view = mount({ text: DEMO_NOTE });
    const first = flushEpicParse(view);
    expect(first).toBe(view.state.field(epicField).result);
    view.dispatch({ changes: { from: view.state.doc.length, insert: '\n### US-009: Added\n' } });
    const second = flushEpicParse(view);
    expect(second?.epic.stories.map((s) => s.id)).toContain('US-009');
  });
});

describe('notes without stories', () => {
  test('get no parse, no decorations, and typing does not parse them', () => {
    jest.useFakeTimers();
    const parses: ParseResult[] = [];
    const view = mount({ text: PLAIN_NOTE, onParsed: (r) => parses.push(r) });
    expect(view.state.field(epicField).active).toBe(false);
    expect(view.state.field(epicField).result).toBeNull();
    view.dispatch({ changes: { from: 0, insert: 'Status:: 🔄 In Progress\n' } });
    jest.advanceTimersByTime(1000);
    expect(parses).toHaveLength(0);
    expect(badges(view)).toHaveLength(0);
    expect(totalsOf(view)).toHaveLength(0);
  });

  test('become epics when a story header is typed', () => {
    jest.useFakeTimers();
    const view = mount({ text: PLAIN_NOTE });
    view.dispatch({ changes: { from: view.state.doc.length, insert: '\n### US-001: First\n\n**Status**: ✅ Done\n' } });
    expect(view.state.field(epicField).active).toBe(true);
    jest.advanceTimersByTime(200);
    expect(badges(view).map((b) => b.getAttribute('data-status'))).toContain('done');
  });

  test('headers inside a code fence are not stories', () => {
    const view = mount({ text: '# Notes\n\n```markdown\n### US-001: Not a story\n**Status**: ✅ Done\n```\n' });
    expect(view.state.field(epicField).active).toBe(false);
    expect(badges(view)).toHaveLength(0);
  });
});

describe('multiple selections', () => {
  test('every selection range reveals its source', () => {
    const a = offsetOf(DEMO_NOTE, '📂 Open');
    const b = offsetOf(DEMO_NOTE, '❌ Cancelled');
    const view = mount({ text: DEMO_NOTE, extra: EditorState.allowMultipleSelections.of(true) });
    view.dispatch({ selection: EditorSelection.create([EditorSelection.cursor(a), EditorSelection.cursor(b)]) });
    expect(badges(view)).toHaveLength(8);
  });
});
