/**
 * The sandbox's light/dark theme: Obsidian's `theme-light`/`theme-dark` body classes, remembered in
 * localStorage so the page and the built-in Jira's issue pages (same origin) look alike.
 */

/** A sandbox theme. */
export type Theme = 'light' | 'dark';

/** The localStorage key of the chosen theme. */
export const THEME_STORAGE_KEY = 'sandbox-theme';

/** The saved theme; light when none is saved. */
export function savedTheme(): Theme {
  return window.localStorage.getItem(THEME_STORAGE_KEY) === 'dark' ? 'dark' : 'light';
}

/** Puts `theme` on `body` (classes and `data-theme`) and, with `remember`, saves it. */
export function applyTheme(body: HTMLElement, theme: Theme, remember = true): void {
  body.classList.toggle('theme-dark', theme === 'dark');
  body.classList.toggle('theme-light', theme === 'light');
  body.setAttribute('data-theme', theme);
  if (remember) window.localStorage.setItem(THEME_STORAGE_KEY, theme);
}
