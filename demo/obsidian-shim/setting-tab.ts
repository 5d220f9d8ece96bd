/**
 * `PluginSettingTab` (Obsidian 1.13: declarative `getSettingDefinitions` with
 * `getControlValue`/`setControlValue`) and the sandbox's settings window that renders it: groups,
 * text/dropdown/toggle controls with `validate`, `render` rows, `action` rows and `visible`.
 */
import { Modal } from './modal';
import { DropdownComponent, Setting, TextComponent, ToggleComponent } from './setting';

interface ControlSpec {
  type: string;
  key: string;
  placeholder?: string;
  options?: Record<string, string>;
  validate?: (value: never) => string | void | Promise<string | void>;
}

interface DefinitionSpec {
  type?: string;
  heading?: string;
  name?: string;
  desc?: string | DocumentFragment;
  visible?: boolean | (() => boolean);
  control?: ControlSpec;
  render?: (setting: Setting, group: unknown) => unknown;
  action?: (el: HTMLElement, index: number) => void;
  items?: DefinitionSpec[];
}

/** A plugin's settings tab. */
export abstract class PluginSettingTab {
  app: unknown;
  plugin: { manifest: { id: string; name: string } };
  containerEl: HTMLElement;
  /** Sandbox: re-renders when the tab asks for it (`refreshDomState`, `update`). */
  private rerender: (() => void) | null = null;

  constructor(app: unknown, plugin: { manifest: { id: string; name: string } }) {
    this.app = app;
    this.plugin = plugin;
    this.containerEl = createDiv({ cls: 'vertical-tab-content' });
  }

  getSettingDefinitions(): unknown[] {
    return [];
  }

  getControlValue(_key: string): unknown {
    return undefined;
  }

  setControlValue(_key: string, _value: unknown): void | Promise<void> { /* overridden */ }

  refreshDomState(): void {
    this.rerender?.();
  }

  update(): void {
    this.rerender?.();
  }

  display(): void { /* overridden by imperative tabs */ }

  hide(): void { /* overridden */ }

  /** Sandbox: draws the tab into its container (definitions, else `display()`). */
  show(): void {
    this.rerender = () => renderDefinitions(this);
    this.rerender();
  }

  /** Sandbox: the settings window closed. */
  detach(): void {
    this.rerender = null;
    this.hide();
  }
}

function visible(def: DefinitionSpec): boolean {
  if (def.visible === undefined) return true;
  return typeof def.visible === 'function' ? def.visible() : def.visible;
}

function renderDefinitions(tab: PluginSettingTab): void {
  const scroll = tab.containerEl.scrollTop;
  tab.containerEl.empty();
  const definitions = tab.getSettingDefinitions() as DefinitionSpec[];
  if (definitions.length === 0) {
    tab.display();
    return;
  }
  for (const def of definitions) {
    if (!visible(def)) continue;
    if (def.type === 'group' || def.type === 'list') {
      const group = tab.containerEl.createDiv({ cls: 'setting-group' });
      if (def.heading) new Setting(group).setName(def.heading).setHeading();
      (def.items ?? []).forEach((item, index) => { if (visible(item)) renderItem(tab, group, item, index); });
    } else {
      renderItem(tab, tab.containerEl, def, 0);
    }
  }
  tab.containerEl.scrollTop = scroll;
}

function renderItem(tab: PluginSettingTab, parent: HTMLElement, def: DefinitionSpec, index: number): void {
  const setting = new Setting(parent).setName(def.name ?? '');
  if (def.desc !== undefined) setting.setDesc(def.desc);
  setting.settingEl.setAttr('data-setting', def.control?.key ?? def.name ?? '');
  if (def.render) {
    def.render(setting, parent);
    return;
  }
  if (def.action) {
    const action = def.action;
    setting.settingEl.addClass('mod-clickable');
    const button = setting.controlEl.createEl('button', { text: def.name ?? 'Run' });
    button.addEventListener('click', () => action(setting.settingEl, index));
    return;
  }
  if (def.control) renderControl(tab, setting, def.control);
}

function renderControl(tab: PluginSettingTab, setting: Setting, control: ControlSpec): void {
  const value = tab.getControlValue(control.key);
  const error = setting.infoEl.createDiv({ cls: 'setting-item-error' });
  const save = async (next: unknown): Promise<void> => {
    const message = control.validate ? await control.validate(next as never) : undefined;
    error.setText(message ?? '');
    if (!message) await tab.setControlValue(control.key, next);
  };
  switch (control.type) {
    case 'toggle':
      setting.addToggle((toggle: ToggleComponent) => toggle.setValue(value === true).onChange(save));
      break;
    case 'dropdown':
      setting.addDropdown((dropdown: DropdownComponent) => dropdown.addOptions(control.options ?? {}).setValue(typeof value === 'string' ? value : '').onChange(save));
      break;
    default:
      setting.addText((text: TextComponent) => text.setPlaceholder(control.placeholder ?? '').setValue(typeof value === 'string' || typeof value === 'number' ? String(value) : '').onChange(save));
  }
}

/** The settings window: one modal with the tabs plugins added, opened by `app.setting`. */
export class SettingsWindow {
  private readonly tabs: PluginSettingTab[] = [];
  private modal: Modal | null = null;

  constructor(private readonly app: unknown) {}

  addSettingTab(tab: PluginSettingTab): () => void {
    this.tabs.push(tab);
    return () => {
      const at = this.tabs.indexOf(tab);
      if (at >= 0) this.tabs.splice(at, 1);
    };
  }

  open(): void {
    this.openTabById(this.tabs[0]?.plugin.manifest.id ?? '');
  }

  openTabById(id: string): void {
    const tab = this.tabs.find((t) => t.plugin.manifest.id === id);
    this.close();
    const modal = new Modal(this.app);
    modal.modalEl.addClass('mod-settings');
    modal.setTitle(tab ? `Settings: ${tab.plugin.manifest.name}` : 'Settings');
    if (tab) {
      modal.contentEl.appendChild(tab.containerEl);
      tab.show();
      modal.onClose = () => tab.detach();
    }
    this.modal = modal;
    modal.open();
  }

  close(): void {
    this.modal?.close();
    this.modal = null;
  }
}
