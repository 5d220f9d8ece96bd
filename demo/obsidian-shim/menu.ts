/**
 * `Menu` and `MenuItem`: a `.menu` of `.menu-item`s at the mouse, closed by a click on an item,
 * a click elsewhere or Escape; arrow keys move between items and Enter picks one.
 */
import { Component } from './component';
import { setIcon } from './icons';

/** One item; the fluent setters Obsidian has. */
export class MenuItem {
  title = '';
  icon: string | null = null;
  checked: boolean | null = null;
  disabled = false;
  section = '';
  callback: ((event: MouseEvent | KeyboardEvent) => unknown) | null = null;

  setTitle(title: string | DocumentFragment): this {
    this.title = typeof title === 'string' ? title : title.textContent ?? '';
    return this;
  }

  setIcon(icon: string | null): this {
    this.icon = icon;
    return this;
  }

  setChecked(checked: boolean | null): this {
    this.checked = checked;
    return this;
  }

  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }

  setWarning(_warning: boolean): this {
    return this;
  }

  setIsLabel(_label: boolean): this {
    return this;
  }

  setSection(section: string): this {
    this.section = section;
    return this;
  }

  onClick(callback: (event: MouseEvent | KeyboardEvent) => unknown): this {
    this.callback = callback;
    return this;
  }
}

/** A context menu. */
export class Menu extends Component {
  private readonly items: MenuItem[] = [];
  private dom: HTMLElement | null = null;
  private readonly hideCallbacks: (() => unknown)[] = [];
  private outside: ((event: Event) => void) | null = null;

  addItem(build: (item: MenuItem) => unknown): this {
    const item = new MenuItem();
    build(item);
    this.items.push(item);
    return this;
  }

  addSeparator(): this {
    return this;
  }

  setNoIcon(): this {
    return this;
  }

  setUseNativeMenu(_native: boolean): this {
    return this;
  }

  showAtMouseEvent(event: MouseEvent): this {
    return this.showAtPosition({ x: event.clientX, y: event.clientY });
  }

  showAtPosition(position: { x: number; y: number }): this {
    this.hide();
    const dom = document.body.createDiv({ cls: 'menu', attr: { role: 'menu', tabindex: -1 } });
    for (const item of this.items) {
      const el = dom.createDiv({
        cls: ['menu-item', item.disabled ? 'is-disabled' : '', item.checked ? 'mod-checked' : ''],
        attr: { role: 'menuitem', tabindex: -1, 'data-checked': item.checked ? 'true' : null },
      });
      if (item.icon) setIcon(el.createDiv({ cls: 'menu-item-icon' }), item.icon);
      el.createDiv({ cls: 'menu-item-title', text: item.title });
      if (item.checked) el.createDiv({ cls: 'menu-item-check', text: '✓' });
      el.addEventListener('click', (event) => this.pick(item, event));
      el.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') this.pick(item, event);
      });
    }
    dom.addEventListener('keydown', (event) => this.onKey(event));
    // Positioning at the pointer is the one inline style: it depends on the click.
    dom.style.setProperty('left', `${Math.max(0, Math.min(position.x, window.innerWidth - 240))}px`);
    dom.style.setProperty('top', `${Math.max(0, Math.min(position.y, window.innerHeight - 40 * this.items.length))}px`);
    this.dom = dom;
    dom.focus();
    const outside = (event: Event): void => {
      if (!(event.target instanceof Node) || !dom.contains(event.target)) this.hide();
    };
    // Registered after this click has finished bubbling, so the opening click does not close it.
    window.setTimeout(() => {
      if (this.dom === dom) document.addEventListener('mousedown', outside, true);
    }, 0);
    this.outside = outside;
    return this;
  }

  hide(): this {
    if (this.outside) document.removeEventListener('mousedown', this.outside, true);
    this.outside = null;
    if (this.dom) {
      this.dom.remove();
      this.dom = null;
      for (const callback of this.hideCallbacks) callback();
    }
    return this;
  }

  close(): void {
    this.hide();
  }

  onHide(callback: () => unknown): void {
    this.hideCallbacks.push(callback);
  }

  private pick(item: MenuItem, event: MouseEvent | KeyboardEvent): void {
    if (item.disabled) return;
    this.hide();
    item.callback?.(event);
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.dom) return;
    if (event.key === 'Escape') {
      this.hide();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = Array.from(this.dom.querySelectorAll<HTMLElement>('.menu-item'));
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  }
}
