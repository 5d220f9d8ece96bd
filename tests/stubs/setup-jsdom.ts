// jsdom gaps that real Obsidian/Chromium fill: structuredClone, and the DOM helpers Obsidian adds
// to every element (createEl, createDiv, …), which the obsidian stub installs on import.
import './obsidian';

if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
}
