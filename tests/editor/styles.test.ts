/**
 * styles.css for the editor, read through jsdom's cascade and resolved against Obsidian's default
 * light and dark palettes (docs.obsidian.md, "CSS variables › Colors": base and extended colours):
 * badge labels are readable (WCAG contrast ≥ 4.5:1 on the badge's own tint, also when hovered),
 * a diagnostic on a badge draws no underline across its border, and the diagnostic tooltip has its
 * own themed surface.
 */
import { STATUSES } from '../../src/model';
import { declaredValue, readPluginStyles, resolveVars } from './css-cascade';

const RULES = readPluginStyles();

type Palette = Readonly<Record<string, string>>;

const base = { '--color-red-rgb': '', '--color-green-rgb': '', '--color-cyan-rgb': '', '--color-blue-rgb': '', '--color-purple-rgb': '', '--color-orange-rgb': '' };
function palette(colors: Record<string, string>, grey: { normal: string; muted: string; faint: string; bg: string; bg2: string; mono: string }): Palette {
  const out: Record<string, string> = { ...base };
  for (const [name, hex] of Object.entries(colors)) {
    out[`--color-${name}`] = hex;
    out[`--color-${name}-rgb`] = rgbOf(hex).join(', ');
  }
  return {
    ...out,
    '--text-normal': grey.normal, '--text-muted': grey.muted, '--text-faint': grey.faint,
    '--background-primary': grey.bg, '--background-secondary': grey.bg2, '--mono-rgb-100': grey.mono,
  };
}

const THEMES: Readonly<Record<'light' | 'dark', Palette>> = {
  light: palette(
    { red: '#e93147', orange: '#ec7500', green: '#08b94e', cyan: '#00bfbc', blue: '#086ddd', purple: '#7852ee' },
    { normal: '#222222', muted: '#5a5a5a', faint: '#ababab', bg: '#ffffff', bg2: '#f6f6f6', mono: '0, 0, 0' },
  ),
  dark: palette(
    { red: '#fb464c', orange: '#e9973f', green: '#44cf6e', cyan: '#53dfdd', blue: '#027aff', purple: '#a882ff' },
    { normal: '#dadada', muted: '#bababa', faint: '#666666', bg: '#1e1e1e', bg2: '#262626', mono: '255, 255, 255' },
  ),
};

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** A resolved colour: `#rrggbb`, `rgb(r, g, b)` or `color-mix(in srgb, A p%, B)`. */
function colour(value: string): Rgb {
  const mix = /^color-mix\(in srgb,\s*(#[0-9a-f]{6})\s+(\d+(?:\.\d+)?)%,\s*(#[0-9a-f]{6})\)$/i.exec(value);
  if (mix) {
    const a = rgbOf(mix[1] ?? '');
    const b = rgbOf(mix[3] ?? '');
    const p = Number(mix[2]) / 100;
    return a.map((v, i) => v * p + (b[i] ?? 0) * (1 - p)) as unknown as Rgb;
  }
  if (value.startsWith('#')) return rgbOf(value);
  throw new Error(`not a colour this test reads: ${value}`);
}

/** `rgba(r, g, b, a)` composited over `under`. */
function tint(value: string, under: Rgb): Rgb {
  const m = /^rgba\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)\s*\)$/.exec(value);
  if (!m) throw new Error(`not an rgba tint: ${value}`);
  const a = Number(m[4]);
  return [1, 2, 3].map((i, k) => Number(m[i]) * a + (under[k] ?? 0) * (1 - a)) as unknown as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

function badge(status: string, extra: string[] = []): HTMLElement {
  return document.body.createSpan({ cls: ['spectryn-status-badge', ...extra], attr: { 'data-status': status, 'data-spectryn-badge': '' } });
}

const STATUS_COLOUR: Readonly<Record<string, string>> = { done: 'green', in_progress: 'blue', in_review: 'purple', open: 'cyan', blocked: 'red' };

describe('badge labels', () => {
  for (const [themeName, theme] of Object.entries(THEMES)) {
    test.each([...STATUSES])(`${themeName} theme: %s reads at 4.5:1 or better, hovered too`, (status) => {
      const el = badge(status);
      const read = (property: string, hover = false): string => resolveVars(RULES, el, declaredValue(RULES, el, property, { hover }), theme, { hover });
      const label = colour(read('color'));
      const page = rgbOf(theme['--background-primary'] ?? '');
      expect(contrast(label, tint(read('background-color'), page))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(label, tint(read('background-color', true), page))).toBeGreaterThanOrEqual(4.5);
      // The status colour itself still tints the background and the border.
      const own = STATUS_COLOUR[status];
      const rgb = own ? theme[`--color-${own}-rgb`] ?? '' : theme['--mono-rgb-100'] ?? '';
      expect(read('background-color')).toBe(`rgba(${rgb}, 0.14)`);
      expect(read('border')).toContain(`rgba(${rgb}, 0.35)`);
      el.remove();
    });
  }
});

describe('diagnostics', () => {
  test('on a badge: no underline across its border, the border carries the severity colour', () => {
    const el = badge('done', ['spectryn-diagnostic', 'spectryn-diagnostic-warning']);
    expect(declaredValue(RULES, el, 'text-decoration-line')).toBe('none');
    expect(resolveVars(RULES, el, declaredValue(RULES, el, 'border-color'), THEMES.light)).toBe('#ec7500');
    // Underlines elsewhere stay wavy, in the severity colour.
    const text = document.body.createSpan({ cls: 'spectryn-diagnostic spectryn-diagnostic-error' });
    expect(declaredValue(RULES, text, 'text-decoration-line')).toBe('underline');
    expect(declaredValue(RULES, text, 'text-decoration-style')).toBe('wavy');
    expect(resolveVars(RULES, text, declaredValue(RULES, text, 'text-decoration-color'), THEMES.dark)).toBe('#fb464c');
  });

  test('the hover tooltip has its own themed surface, readable in the dark theme', () => {
    const el = document.body.createDiv({ cls: 'spectryn-diagnostic-tooltip' });
    expect(declaredValue(RULES, el, 'background-color')).toBe('var(--background-secondary)');
    expect(declaredValue(RULES, el, 'color')).toBe('var(--text-normal)');
    expect(declaredValue(RULES, el, 'border')).toContain('var(--background-modifier-border)');
    const dark = THEMES.dark;
    const read = (property: string): Rgb => colour(resolveVars(RULES, el, declaredValue(RULES, el, property), dark));
    expect(contrast(read('color'), read('background-color'))).toBeGreaterThanOrEqual(7);
  });
});
