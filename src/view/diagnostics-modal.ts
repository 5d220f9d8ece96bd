/**
 * "Validate note": the note's diagnostics in a modal, errors first, each with a link to its line.
 */
import { App, Modal } from 'obsidian';
import type { Diagnostic, Severity } from '../model/types';

/** Constructor options of {@link DiagnosticsModal}. */
export interface DiagnosticsModalOptions {
  /** The note's name, for the title. */
  readonly noteName: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Moves the editor to a 1-based line of the note. */
  readonly goToLine: (line: number) => void;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Diagnostics sorted errors → warnings → infos, then by line. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.line - b.line);
}

/** The validation modal; see the file comment. */
export class DiagnosticsModal extends Modal {
  private readonly options: DiagnosticsModalOptions;

  constructor(app: App, options: DiagnosticsModalOptions) {
    super(app);
    this.options = options;
  }

  override onOpen(): void {
    const { contentEl } = this;
    const { diagnostics, noteName } = this.options;
    this.setTitle(`Validate ${noteName}`);
    contentEl.addClass('spectryn-diagnostics-modal');
    // "1 error", "2 warnings", "0 notes": the noun agrees with its count.
    const count = (severity: Severity, noun: string): string => {
      const n = diagnostics.filter((d) => d.severity === severity).length;
      return `${n} ${noun}${n === 1 ? '' : 's'}`;
    };
    contentEl.createEl('p', {
      cls: 'spectryn-diag-summary',
      text: diagnostics.length === 0
        ? 'No problems found.'
        : `${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'note')}.`,
    });
    const list = contentEl.createEl('ul', { cls: 'spectryn-diag-list' });
    for (const diagnostic of sortDiagnostics(diagnostics)) {
      const item = list.createEl('li', {
        cls: ['spectryn-diag-item', `is-${diagnostic.severity}`],
        attr: { 'data-code': diagnostic.code, 'data-line': diagnostic.line },
      });
      item.createSpan({ cls: 'spectryn-diag-severity', text: diagnostic.severity });
      const link = item.createEl('a', { cls: 'spectryn-diag-line', text: `Line ${diagnostic.line}`, href: '#' });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.close();
        this.options.goToLine(diagnostic.line);
      });
      item.createSpan({ cls: 'spectryn-diag-message', text: diagnostic.message });
    }
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
