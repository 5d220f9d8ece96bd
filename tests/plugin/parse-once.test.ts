/**
 * The parse store wired by main.ts, with real editors: the editor, the active note's model (status
 * bar, pane) and the reading view share one store, so opening an epic note in an editor parses it
 * once; a note without stories is not parsed at all; and the actions (export, validate, sync the
 * story at the cursor) act on what is on screen, not on a model a typing pause old (the stale-model
 * flush). The real parser, counted: only this end-to-end count shows that main.ts wires a single
 * store (the store's own behaviour is tested in parse-store.test.ts).
 */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { App, MarkdownView, Modal, WorkspaceLeaf, editorInfoField, type Command, type TFile } from 'obsidian';
import SpectrynPlugin from '../../src/main';
import { parseEpic } from '../../src/model/parse';
import { DiagnosticsModal } from '../../src/view/diagnostics-modal';
import { fileAt, seedNote } from '../view/helpers';

jest.mock('../../src/model/parse', () => {
  const actual = jest.requireActual<typeof import('../../src/model/parse')>('../../src/model/parse');
  return { ...actual, parseEpic: jest.fn(actual.parseEpic) };
});
const parses = parseEpic as jest.MockedFunction<typeof parseEpic>;

type StubPlugin = SpectrynPlugin & { commands: Command[]; editorExtensions: unknown[]; postProcessors: unknown[]; statusBarItems: HTMLElement[] };
type StubEditor = { value: string; cursor: { line: number; ch: number }; cm?: EditorView; getValue(): string };
type Processor = (el: HTMLElement, ctx: { sourcePath: string; getSectionInfo(el: HTMLElement): { text: string; lineStart: number; lineEnd: number } | null }) => void;

async function loadPlugin(app: App): Promise<StubPlugin> {
  const plugin = new SpectrynPlugin(app, { id: 'spectryn', name: 'Spectryn', version: '0.1.0', minAppVersion: '1.13.0', author: '', description: '' }) as StubPlugin;
  plugin.load();
  await Promise.resolve();
  await Promise.resolve();
  return plugin;
}

/** A markdown view of `file` in the workspace (not yet active); with `plugin`, a real editor with the plugin's extension. */
function openNote(app: App, file: TFile, text: string, plugin?: StubPlugin): { view: MarkdownView; editor: StubEditor; leaf: WorkspaceLeaf } {
  const leaf = new WorkspaceLeaf();
  const view = new (MarkdownView as unknown as new (leaf: WorkspaceLeaf) => MarkdownView)(leaf);
  view.file = file;
  const editor = view.editor as unknown as StubEditor;
  editor.value = text;
  if (plugin) {
    const cm = new EditorView({
      state: EditorState.create({ doc: text, extensions: [editorInfoField.init(() => ({ file }) as never), plugin.editorExtensions[0] as never] }),
      parent: document.body,
    });
    editor.cm = cm;
    editor.getValue = () => cm.state.doc.toString();
  }
  (leaf as unknown as { view: MarkdownView }).view = view;
  (app.workspace as unknown as { leaves: WorkspaceLeaf[] }).leaves.push(leaf);
  return { view, editor, leaf };
}

function activate(app: App, leaf: WorkspaceLeaf, file: TFile): void {
  app.workspace.setActiveLeaf(leaf, { focus: true });
  (app.workspace as unknown as { trigger(name: string, ...args: unknown[]): void }).trigger('file-open', file);
}

const parsedTexts = (): string[] => parses.mock.calls.map((call) => call[0]);

describe('parse once per change', () => {
  const cms: EditorView[] = [];
  beforeEach(() => { jest.useFakeTimers(); parses.mockClear(); });
  afterEach(() => {
    for (const cm of cms.splice(0)) cm.destroy();
    jest.useRealTimers();
    document.body.empty();
  });

  it('an epic opened in an editor is parsed once: by the editor, for the model and the reading view too', async () => {
    const app = new App();
    const plugin = await loadPlugin(app);
    const file = fileAt('Epics/Seed.md');
    const { leaf, editor } = openNote(app, file, seedNote(), plugin);
    if (editor.cm) cms.push(editor.cm);
    expect(parsedTexts()).toHaveLength(1);
    activate(app, leaf, file);
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/37 pts');
    jest.advanceTimersByTime(1000);
    // The reading view of the same note and text takes the shared model.
    const section = document.body.createDiv();
    section.createEl('h1', { text: 'Database Migration' });
    const titleLine = seedNote().split('\n').findIndex((l) => l.startsWith('# '));
    (plugin.postProcessors[0] as Processor)(section, { sourcePath: file.path, getSectionInfo: () => ({ text: seedNote(), lineStart: titleLine, lineEnd: titleLine }) });
    expect(section.querySelector('.spectryn-totals')?.getAttribute('data-points-total')).toBe('37');
    expect(parsedTexts()).toHaveLength(1);
  });

  it('a note parsed by the reading view first is not parsed again when it becomes active', async () => {
    const app = new App();
    const plugin = await loadPlugin(app);
    const file = fileAt('Epics/Seed.md');
    const section = document.body.createDiv();
    section.createEl('h1', { text: 'Database Migration' });
    (plugin.postProcessors[0] as Processor)(section, { sourcePath: file.path, getSectionInfo: () => ({ text: seedNote(), lineStart: 0, lineEnd: 0 }) });
    expect(parsedTexts()).toHaveLength(1);
    const { view, leaf } = openNote(app, file, seedNote());
    (view as unknown as { mode: string }).mode = 'preview';
    activate(app, leaf, file);
    expect(plugin.statusBarItems[0]?.textContent).toBe('Epic 8/37 pts');
    expect(parsedTexts()).toHaveLength(1);
  });

  it('a note without stories is not parsed when opened or typed in; Validate parses it', async () => {
    const app = new App();
    const plugin = await loadPlugin(app);
    const file = fileAt('Notes/Plain.md');
    const plain = `# Shopping\n\n${'- milk and bread, Status:: ✅ Done, ## not a heading\n'.repeat(700)}`;
    expect(plain.length).toBeGreaterThan(35_000);
    const { leaf, view } = openNote(app, file, plain, plugin);
    const cm = (view.editor as unknown as StubEditor).cm;
    if (cm) cms.push(cm);
    activate(app, leaf, file);
    cm?.dispatch({ changes: { from: cm.state.doc.length, insert: 'more text\n' } });
    (app.workspace as unknown as { trigger(name: string, ...args: unknown[]): void }).trigger('editor-change', view.editor, view);
    jest.advanceTimersByTime(1000);
    expect(parsedTexts()).toEqual([]);
    expect(plugin.statusBarItems[0]?.classList.contains('is-hidden')).toBe(true);
    const validate = plugin.commands.find((c) => c.id === 'validate-note');
    expect(validate?.checkCallback?.(true)).toBe(true);
    validate?.checkCallback?.(false);
    expect(parsedTexts()).toEqual([`${plain}more text\n`]);
    expect((Modal as unknown as { opened: Modal[] }).opened.at(-1)).toBeInstanceOf(DiagnosticsModal);
  });
});

describe('actions act on what is on screen', () => {
  const cms: EditorView[] = [];
  beforeEach(() => { jest.useFakeTimers(); });
  afterEach(() => {
    for (const cm of cms.splice(0)) cm.destroy();
    jest.useRealTimers();
    document.body.empty();
  });

  async function typedEpic(): Promise<{ app: App; plugin: StubPlugin; file: TFile; cm: EditorView; view: MarkdownView }> {
    const app = new App();
    const plugin = await loadPlugin(app);
    const file = fileAt('Epics/Seed.md');
    const { leaf, view, editor } = openNote(app, file, seedNote(), plugin);
    const cm = editor.cm as EditorView;
    cms.push(cm);
    activate(app, leaf, file);
    jest.advanceTimersByTime(1000);
    return { app, plugin, file, cm, view };
  }

  const run = (plugin: StubPlugin, id: string): void => { plugin.commands.find((c) => c.id === id)?.checkCallback?.(false); };

  it('Export saves the JSON of the text typed a moment ago', async () => {
    const { app, plugin, cm } = await typedEpic();
    const line = cm.state.doc.line(109);
    expect(line.text).toBe('| **Story Points** | 8 |');
    cm.dispatch({ changes: { from: line.from, to: line.to, insert: '| **Story Points** | 13 |' } });
    run(plugin, 'export-json');
    await Promise.resolve();
    const saved = (app.vault as unknown as { files: Map<string, { text: string }> }).files.get('Epics/Seed.json')?.text ?? '{}';
    expect((JSON.parse(saved) as { totals: { points: number } }).totals.points).toBe(42);
  });

  it('Validate reports a problem typed a moment ago', async () => {
    const { plugin, cm } = await typedEpic();
    const line = cm.state.doc.line(109);
    cm.dispatch({ changes: { from: line.from, to: line.to, insert: '| **Story Points** | banana |' } });
    run(plugin, 'validate-note');
    const modal = (Modal as unknown as { opened: Modal[] }).opened.at(-1);
    expect(modal).toBeInstanceOf(DiagnosticsModal);
    expect(Array.from(modal?.contentEl.querySelectorAll('.spectryn-diag-item') ?? []).map((i) => i.getAttribute('data-line'))).toContain('109');
  });

  it('"Sync the story at the cursor" syncs the story typed a moment ago under the cursor', async () => {
    const { plugin, cm, view } = await typedEpic();
    // A new story typed inside US-001: the model of a moment ago still sees US-001 there.
    const at = cm.state.doc.line(50);
    cm.dispatch({ changes: { from: at.from, insert: '### US-042: Typed just now\n**Story Points**: 1\n\n' } });
    (view.editor as unknown as StubEditor).cursor = { line: 49, ch: 0 };
    const command = plugin.commands.find((c) => c.id === 'sync-story-at-cursor');
    expect(command?.editorCheckCallback?.(false, view.editor, view)).toBe(true);
    expect((Modal as unknown as { opened: Modal[] }).opened.at(-1)?.titleEl.textContent).toBe('Sync US-042 with tracker');
  });
});
