/**
 * `Modal`: `.modal-container` (a dimmed background and a `.modal` with a close button, a
 * `.modal-title` and a `.modal-content`) appended to the body; Escape or the close button closes it.
 * Like Obsidian's, an open modal takes the focus, keeps Tab inside itself, and gives the focus back
 * to where it was when it closes.
 */
import { Component } from './component';

/** A modal dialog. */
export class Modal {
  app: unknown;
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  scope = new Component();
  shouldRestoreSelection = true;
  private shown = false;
  private focusBefore: HTMLElement | null = null;
  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab') {
      this.keepTabInside(event);
    }
  };

  constructor(app: unknown) {
    this.app = app;
    this.containerEl = createDiv({ cls: 'modal-container' });
    this.containerEl.createDiv({ cls: 'modal-bg' }).addEventListener('click', () => this.close());
    this.modalEl = this.containerEl.createDiv({ cls: 'modal', attr: { role: 'dialog', 'aria-modal': 'true', tabindex: -1 } });
    const close = this.modalEl.createEl('button', { cls: 'modal-close-button', text: '✕', attr: { 'aria-label': 'Close' } });
    close.addEventListener('click', () => this.close());
    this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }

  setTitle(title: string | DocumentFragment): this {
    this.titleEl.setText(title);
    return this;
  }

  setContent(content: string | DocumentFragment): this {
    this.contentEl.setText(content);
    return this;
  }

  /** Stand-in: true from `open` until `close`. */
  get isOpen(): boolean {
    return this.shown;
  }

  open(): void {
    if (this.shown) return;
    this.shown = true;
    document.body.appendChild(this.containerEl);
    document.addEventListener('keydown', this.onKey, true);
    this.focusBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The dialog itself first: its buttons may arrive later (a dry run), Tab then reaches them.
    this.modalEl.focus();
    void Promise.resolve(this.onOpen());
  }

  /** Tab and Shift+Tab cycle through the modal's own controls, never the page behind it. */
  private keepTabInside(event: KeyboardEvent): void {
    const focusable = Array.from(this.modalEl.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'))
      .filter((el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    const inside = active instanceof HTMLElement && this.modalEl.contains(active) && active !== this.modalEl;
    if (event.shiftKey && (!inside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  }

  close(): void {
    if (!this.shown) return;
    this.shown = false;
    document.removeEventListener('keydown', this.onKey, true);
    this.containerEl.remove();
    this.onClose();
    if (this.focusBefore?.isConnected === true) this.focusBefore.focus();
    this.focusBefore = null;
  }

  onOpen(): void | Promise<void> { /* overridden */ }

  onClose(): void { /* overridden */ }
}
