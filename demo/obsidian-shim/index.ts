/**
 * The stand-in for the `obsidian` module (aliased as `obsidian` in the page bundle): the parts of
 * the API the plugin uses, implemented for a browser page. See demo/README.md. The tests use the
 * same classes (tests/stubs/obsidian.ts re-exports them, adding only what assertions need), so the
 * sandbox and the tests cannot drift apart.
 *
 * Built by hand, not on `obsidian-test-mocks` (npm): weighed for issue 10 and rejected, because it
 * declares jest and vitest as peer dependencies and cannot be bundled into the sandbox page, so the
 * tests and the sandbox would again run two different stand-ins.
 */
import './dom';

export { Component, Events, type EventRef } from './component';
export { Editor, editorInfoField, editorLivePreviewField, type EditorPosition, type EditorRange } from './editor';
export { setIcon } from './icons';
export { Menu, MenuItem } from './menu';
export { Modal } from './modal';
export { Notice } from './notice';
export { App, Plugin, Platform, apiVersion, type AppElements, type PluginManifest } from './plugin';
export { requestUrl, type RequestUrlParam, type RequestUrlResponse } from './request-url';
export { SecretStorage } from './secret-storage';
export { ButtonComponent, DropdownComponent, SecretComponent, Setting, TextComponent, ToggleComponent } from './setting';
export { PluginSettingTab } from './setting-tab';
export { TAbstractFile, TFile, TFolder, Vault, normalizePath } from './vault';
export { FileView, ItemView, MarkdownView, View, WorkspaceLeaf } from './views';
export { Workspace } from './workspace';
