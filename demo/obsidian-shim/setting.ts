/**
 * `Setting` (a settings row: name, description, control area; `addText`, `addToggle`,
 * `addDropdown`, `addButton`, `addComponent`) and `SecretComponent` (picks a secret by id from the
 * secret storage, or stores a new one).
 */
import type { SecretStorage } from './secret-storage';

/** A text input, as `addText` hands it over. */
export class TextComponent {
  readonly inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    this.inputEl = containerEl.createEl('input', { type: 'text' });
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
  onChange(callback: (value: string) => unknown): this {
    this.inputEl.addEventListener('input', () => { void callback(this.inputEl.value); });
    return this;
  }
}

/** A checkbox styled as Obsidian's toggle. */
export class ToggleComponent {
  readonly toggleEl: HTMLElement;
  private readonly inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    this.toggleEl = containerEl.createDiv({ cls: 'checkbox-container' });
    this.inputEl = this.toggleEl.createEl('input', { type: 'checkbox' });
    this.inputEl.addEventListener('change', () => this.toggleEl.toggleClass('is-enabled', this.inputEl.checked));
  }
  getValue(): boolean {
    return this.inputEl.checked;
  }
  setValue(on: boolean): this {
    this.inputEl.checked = on;
    this.toggleEl.toggleClass('is-enabled', on);
    return this;
  }
  onChange(callback: (value: boolean) => unknown): this {
    this.inputEl.addEventListener('change', () => { void callback(this.inputEl.checked); });
    return this;
  }
}

/** A select. */
export class DropdownComponent {
  readonly selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl('option', { value, text: display });
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [value, display] of Object.entries(options)) this.addOption(value, display);
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
  onChange(callback: (value: string) => unknown): this {
    this.selectEl.addEventListener('change', () => { void callback(this.selectEl.value); });
    return this;
  }
}

/** A button. */
export class ButtonComponent {
  readonly buttonEl: HTMLButtonElement;
  constructor(containerEl: HTMLElement) {
    this.buttonEl = containerEl.createEl('button');
  }
  setButtonText(text: string): this {
    this.buttonEl.setText(text);
    return this;
  }
  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }
  onClick(callback: (event: MouseEvent) => unknown): this {
    this.buttonEl.addEventListener('click', (event) => { void callback(event); });
    return this;
  }
}

/** One settings row. */
export class Setting {
  readonly settingEl: HTMLElement;
  readonly infoEl: HTMLElement;
  readonly nameEl: HTMLElement;
  readonly descEl: HTMLElement;
  readonly controlEl: HTMLElement;
  readonly components: unknown[] = [];

  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    this.infoEl = this.settingEl.createDiv({ cls: 'setting-item-info' });
    this.nameEl = this.infoEl.createDiv({ cls: 'setting-item-name' });
    this.descEl = this.infoEl.createDiv({ cls: 'setting-item-description' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
  }

  setName(name: string | DocumentFragment): this {
    this.nameEl.setText(name);
    return this;
  }

  setDesc(desc: string | DocumentFragment): this {
    this.descEl.setText(desc);
    return this;
  }

  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }

  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }

  addText(build: (text: TextComponent) => unknown): this {
    return this.keep(build, new TextComponent(this.controlEl));
  }

  addToggle(build: (toggle: ToggleComponent) => unknown): this {
    return this.keep(build, new ToggleComponent(this.controlEl));
  }

  addDropdown(build: (dropdown: DropdownComponent) => unknown): this {
    return this.keep(build, new DropdownComponent(this.controlEl));
  }

  addButton(build: (button: ButtonComponent) => unknown): this {
    return this.keep(build, new ButtonComponent(this.controlEl));
  }

  addComponent<T>(build: (el: HTMLElement) => T): this {
    this.components.push(build(this.controlEl));
    return this;
  }

  private keep<T>(build: (component: T) => unknown, component: T): this {
    build(component);
    this.components.push(component);
    return this;
  }
}

/** Picks the id of a secret, or stores a new secret (id + value) and picks it. */
export class SecretComponent {
  readonly containerEl: HTMLElement;
  private readonly selectEl: HTMLSelectElement;
  private readonly storage: SecretStorage;
  private value = '';
  private callback: ((value: string) => unknown) | null = null;

  constructor(app: { secretStorage: SecretStorage }, containerEl: HTMLElement) {
    this.storage = app.secretStorage;
    this.containerEl = containerEl.createDiv({ cls: 'sandbox-secret' });
    this.selectEl = this.containerEl.createEl('select', { cls: 'dropdown', attr: { 'aria-label': 'Secret' } });
    this.selectEl.addEventListener('change', () => this.pick(this.selectEl.value));
    const form = this.containerEl.createEl('form', { cls: 'sandbox-secret-new' });
    const id = form.createEl('input', { type: 'text', placeholder: 'new-secret-id', attr: { 'aria-label': 'ID of a new secret' } });
    const secret = form.createEl('input', { type: 'password', placeholder: 'Secret value', attr: { 'aria-label': 'New secret value', autocomplete: 'off' } });
    form.createEl('button', { text: 'Store secret', type: 'submit' });
    const problem = this.containerEl.createDiv({ cls: 'setting-item-error' });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      try {
        this.storage.setSecret(id.value.trim(), secret.value);
      } catch (error) {
        problem.setText(error instanceof Error ? error.message : 'Invalid secret ID');
        return;
      }
      problem.setText('');
      secret.value = '';
      this.pick(id.value.trim());
    });
    this.renderOptions();
  }

  setValue(value: string): this {
    this.value = value;
    this.renderOptions();
    return this;
  }

  onChange(callback: (value: string) => unknown): this {
    this.callback = callback;
    return this;
  }

  private pick(value: string): void {
    this.value = value;
    this.renderOptions();
    void this.callback?.(value);
  }

  private renderOptions(): void {
    this.selectEl.empty();
    this.selectEl.createEl('option', { value: '', text: 'No secret' });
    for (const id of this.storage.listSecrets()) this.selectEl.createEl('option', { value: id, text: id });
    this.selectEl.value = this.value;
  }
}
