/**
 * `Notice`: a toast in `.notice-container` at the top right of the page, gone after its timeout
 * (default 5 s; 0 = until clicked) or on click.
 */

/** Default time a notice stays, in milliseconds. */
export const NOTICE_TIMEOUT_MS = 5000;

function container(): HTMLElement {
  return document.body.querySelector<HTMLElement>(':scope > .notice-container') ?? document.body.createDiv({ cls: 'notice-container' });
}

/** A toast. */
export class Notice {
  noticeEl: HTMLElement;
  messageEl: HTMLElement;
  private timer: number | null = null;

  constructor(message: string | DocumentFragment, duration = NOTICE_TIMEOUT_MS) {
    this.noticeEl = container().createDiv({ cls: 'notice' });
    this.messageEl = this.noticeEl.createDiv({ cls: 'notice-message' });
    this.setMessage(message);
    this.noticeEl.addEventListener('click', () => this.hide());
    if (duration > 0) this.timer = window.setTimeout(() => this.hide(), duration);
  }

  setMessage(message: string | DocumentFragment): this {
    this.messageEl.setText(message);
    return this;
  }

  hide(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    this.noticeEl.remove();
  }
}
