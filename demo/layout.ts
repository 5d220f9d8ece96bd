/**
 * The sandbox window, drawn like Obsidian's: a title bar, a ribbon on the left, the note in the
 * middle, the right sidebar (plugin views, then the tracker panel) and a status bar. Only DOM.
 */

/** The regions of the window. */
export interface SandboxLayout {
  readonly titleBar: HTMLElement;
  readonly ribbon: HTMLElement;
  readonly ribbonBottom: HTMLElement;
  readonly main: HTMLElement;
  readonly right: HTMLElement;
  readonly rightLeaves: HTMLElement;
  readonly trackerPanel: HTMLElement;
  readonly statusBar: HTMLElement;
}

/** Builds the window inside `body`. */
export function buildLayout(body: HTMLElement): SandboxLayout {
  body.empty();
  body.addClass('sandbox');
  const app = body.createDiv({ cls: 'app-container' });
  const titleBar = app.createDiv({ cls: 'sandbox-titlebar' });
  const workspace = app.createDiv({ cls: 'workspace' });
  const ribbonEl = workspace.createDiv({ cls: ['workspace-ribbon', 'side-dock-ribbon', 'mod-left'] });
  const ribbon = ribbonEl.createDiv({ cls: 'side-dock-actions' });
  const ribbonBottom = ribbonEl.createDiv({ cls: 'side-dock-settings' });
  const main = workspace.createDiv({ cls: ['workspace-split', 'mod-root'] });
  const right = workspace.createDiv({ cls: ['workspace-split', 'mod-right-split'] });
  const rightLeaves = right.createDiv({ cls: 'sandbox-right-leaves' });
  const trackerPanel = right.createDiv({ cls: 'sandbox-tracker' });
  const statusBar = app.createDiv({ cls: 'status-bar' });
  return { titleBar, ribbon, ribbonBottom, main, right, rightLeaves, trackerPanel, statusBar };
}
