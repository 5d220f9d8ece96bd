/**
 * Colour arithmetic for the browser tests: CSS colours as `getComputedStyle` gives them, the
 * background actually painted behind an element (translucent layers composed over their
 * ancestors), and the WCAG 2 contrast ratio. Pure: no browser, no DOM.
 */

/** An sRGB colour, channels 0..255, alpha 0..1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** An alpha as CSS writes it: `0.5` or `50%`; absent = 1. */
function alphaOf(text: string | undefined): number {
  if (text === undefined) return 1;
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/**
 * Parses what `getComputedStyle` gives for a colour: `rgb(…)`/`rgba(…)` (comma or space syntax),
 * `color(srgb r g b [/ a])` (channels 0..1, what `color-mix(in srgb, …)` computes to) and
 * `transparent`; throws on anything else.
 */
export function parseColor(css: string): Rgba {
  const text = css.trim();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const srgb = /^color\(\s*srgb\s+([\d.e+-]+)\s+([\d.e+-]+)\s+([\d.e+-]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: alphaOf(srgb[4]) };
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (!match) throw new Error(`not an rgb() or color(srgb) colour: ${css}`);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alphaOf(match[4]) };
}

/** `top` painted over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number): number => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/**
 * The opaque colour behind an element, from the computed backgrounds of the element and its
 * ancestors (nearest first), composed over white (the canvas) when none is opaque.
 */
export function effectiveBackground(layers: readonly string[]): Rgba {
  let colour: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of [...layers].reverse()) colour = over(parseColor(layer), colour);
  return colour;
}

function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of `text` (composed over `background`) on the opaque `background`: 1..21. */
export function contrastRatio(text: Rgba, background: Rgba): number {
  const a = luminance(over(text, background));
  const b = luminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
