/**
 * What "fits the screen" means for the narrow-layout checks: no element of a view runs past the
 * viewport's sides, no box cuts or scrolls its content sideways (text cut with an ellipsis
 * included; form fields, which scroll their own text, left out), no word that fits its line is
 * broken over two (a title squeezed to "Sch/ema", a key split "INFRA-/108"), and every control
 * can be scrolled wholly into view, inside every scrolling box around it.
 */
import type { Page } from 'playwright-core';

/** Elements of the views under `selector` (all matches) that run past the viewport's sides or cut their content sideways. */
export function overflowProblems(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    const roots = Array.from(document.querySelectorAll(sel));
    if (roots.length === 0) return [`nothing matches ${sel}`];
    const describe = (el: Element): string => {
      const classes = typeof el.className === 'string' && el.className.trim() !== '' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${classes} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    for (const root of roots) {
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        if (el.closest('svg') !== null && el.tagName.toLowerCase() !== 'svg') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${describe(el)} spans ${String(Math.round(box.left))}..${String(Math.round(box.right))} px of ${String(width)}`);
        if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
        const overflow = getComputedStyle(el).overflowX;
        if (overflow !== 'visible' && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} cuts its content sideways (${String(el.scrollWidth)} px in ${String(el.clientWidth)})`);
      }
    }
    if (document.documentElement.scrollWidth > width) problems.push(`the page is ${String(document.documentElement.scrollWidth)} px wide in ${String(width)}`);
    return problems;
  }, selector);
}

/** Controls under `selector` that cannot be scrolled wholly into view (past the viewport or clipped by a scrolling box around them). */
export function controlsCutOff(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const controls = Array.from(document.querySelectorAll(sel)).flatMap((root) => Array.from(root.querySelectorAll('button, [role="button"], a[href], input, select, summary')));
    for (const control of controls) {
      if (control.getClientRects().length === 0 || getComputedStyle(control).visibility === 'hidden') continue;
      control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const frames = [{ left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight }];
      for (let up = control.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') frames.push(up.getBoundingClientRect());
      }
      const cut = frames.some((frame) => box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5);
      if (cut) problems.push(`${control.tagName.toLowerCase()} "${(control.textContent ?? control.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" at ${String(Math.round(box.left))},${String(Math.round(box.top))}..${String(Math.round(box.right))},${String(Math.round(box.bottom))}`);
    }
    return problems;
  }, selector);
}

/** Words (2 characters or more) under `selector` broken over two lines although they are narrower than their block. */
export function wordsSplit(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const split: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('input, select, textarea, option') !== null) continue;
        for (const match of (node.textContent ?? '').matchAll(/\S{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0);
          if (new Set(rects.map((rect) => Math.round(rect.top))).size < 2) continue;
          let block: Element | null = parent;
          while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
          const width = rects.reduce((sum, rect) => sum + rect.width, 0);
          if (block && width < block.clientWidth - 1) split.push(`"${match[0]}" in ${parent.className || parent.tagName.toLowerCase()}`);
        }
      }
    }
    return split;
  }, selector);
}
