/**
 * A small reader of the plugin's styles.css for tests: jsdom's own cascade drops declarations it
 * cannot parse (`rgba(var(--x), 0.14)`), so the rules are read from the text and matched with
 * `Element.matches`, ordered by specificity then source order. Enough for a flat sheet without
 * at-rules or `!important`, which styles.css is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule {
  readonly selectors: readonly string[];
  readonly declarations: ReadonlyMap<string, string>;
  readonly order: number;
}

/** The rules of styles.css, in source order. */
export function readPluginStyles(): Rule[] {
  const text = readFileSync(join(__dirname, '..', '..', 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  for (const match of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = new Map<string, string>();
    for (const part of (match[2] ?? '').split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
    }
    rules.push({ selectors: (match[1] ?? '').split(',').map((s) => s.trim()), declarations, order: rules.length });
  }
  return rules;
}

/** `el.matches(selector)`, false for selectors jsdom does not know (`:focus-visible`, vendor pseudo-classes). */
function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function specificity(selector: string): number {
  const ids = (selector.match(/#[\w-]+/g) ?? []).length;
  const classes = (selector.match(/\.[\w-]+|\[[^\]]+\]|:(?!not\b)[\w-]+/g) ?? []).length;
  const elements = (selector.replace(/\[[^\]]+\]|\([^)]*\)/g, '').match(/(^|[\s>+~])[a-z][\w-]*/gi) ?? []).length;
  return ids * 10_000 + classes * 100 + elements;
}

/** Options of {@link declaredValue}. */
export interface CascadeState {
  /** Treat `:hover` as matching. Default false. */
  readonly hover?: boolean;
}

/**
 * The value `el` gets for `property` from styles.css (custom properties inherit from ancestors),
 * as written (variables unresolved); '' when no rule sets it.
 */
export function declaredValue(rules: readonly Rule[], el: Element, property: string, state: CascadeState = {}): string {
  let best: { spec: number; order: number; value: string } | null = null;
  for (const rule of rules) {
    const value = rule.declarations.get(property);
    if (value === undefined) continue;
    for (const selector of rule.selectors) {
      const plain = state.hover ? selector.replace(/:hover/g, '') : selector;
      if (plain.includes(':hover') || plain.includes('::') || !matches(el, plain)) continue;
      const spec = specificity(selector);
      if (!best || spec > best.spec || (spec === best.spec && rule.order >= best.order)) best = { spec, order: rule.order, value };
    }
  }
  if (best) return best.value;
  if (property.startsWith('--') && el.parentElement) return declaredValue(rules, el.parentElement, property, state);
  return '';
}

/**
 * `value` with every `var(--x, fallback)` replaced: what styles.css gives `el` for `--x`, else
 * `theme[--x]`, else the fallback.
 */
export function resolveVars(rules: readonly Rule[], el: Element, value: string, theme: Readonly<Record<string, string>>, state: CascadeState = {}): string {
  let out = value;
  for (let guard = 0; out.includes('var(') && guard < 20; guard += 1) {
    out = out.replace(/var\((--[\w-]+)(?:,\s*([^()]*))?\)/, (_all, name: string, fallback?: string) => {
      const own = declaredValue(rules, el, name, state);
      return own || theme[name] || (fallback ?? '');
    });
  }
  return out.trim();
}
