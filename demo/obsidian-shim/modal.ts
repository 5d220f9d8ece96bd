/**
 * `Modal`: `.modal-container` (a dimmed background and a `.modal` with a close button, a
 * `.modal-title` and a `.modal-content`) appended to the body; Escape or the close button closes it.
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
  private isOpen = false;
  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  };

  constructor(app: unknown) {
    this.app = app;
    this.containerEl = createDiv({ cls: 'modal-container' });
    this.containerEl.createDiv({ cls: 'modal-bg' }).addEventListener('click', () => this.close());
    this.modalEl = this.containerEl.createDiv({ cls: 'modal', attr: { role: 'dialog', 'aria-modal': 'true' } });
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

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    document.body.appendChild(this.containerEl);
    document.addEventListener('keydown', this.onKey, true);
    void Promise.resolve(this.onOpen());
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    document.removeEventListener('keydown', this.onKey, true);
    this.containerEl.remove();
    this.onClose();
  }

  onOpen(): void | Promise<void> { /* overridden */ }

  onClose(): void { /* overridden */ }
}
