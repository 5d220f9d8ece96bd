/**
 * The colour arithmetic the browser tests judge readability with (tests/e2e/colours.ts),
 * against known WCAG values. Pure (no browser).
 */
import { contrastRatio, effectiveBackground, parseColor } from './colours';

test('parses computed colours, both syntaxes, and transparent', () => {
  expect(parseColor('rgb(30, 30, 30)')).toEqual({ r: 30, g: 30, b: 30, a: 1 });
  expect(parseColor('rgba(0, 0, 0, 0.075)')).toEqual({ r: 0, g: 0, b: 0, a: 0.075 });
  expect(parseColor('rgb(255 128 0 / 50%)')).toEqual({ r: 255, g: 128, b: 0, a: 0.5 });
  expect(parseColor('transparent').a).toBe(0);
  expect(parseColor('color(srgb 1 0.5 0)')).toEqual({ r: 255, g: 127.5, b: 0, a: 1 });
  expect(parseColor('color(srgb 0 0 0 / 0.25)')).toEqual({ r: 0, g: 0, b: 0, a: 0.25 });
  expect(() => parseColor('hsl(0 100% 50%)')).toThrow('not an rgb() or color(srgb) colour');
});

test('contrast ratios match WCAG', () => {
  expect(contrastRatio(parseColor('rgb(0, 0, 0)'), parseColor('rgb(255, 255, 255)'))).toBeCloseTo(21, 5);
  expect(contrastRatio(parseColor('rgb(119, 119, 119)'), parseColor('rgb(255, 255, 255)'))).toBeCloseTo(4.48, 2);
  // The audit's unreadable tooltip: #dadada on #f5f5f5.
  expect(contrastRatio(parseColor('rgb(218, 218, 218)'), parseColor('rgb(245, 245, 245)'))).toBeLessThan(1.3);
});

test('the background behind an element composes translucent layers over the nearest opaque one', () => {
  expect(effectiveBackground(['rgba(0, 0, 0, 0)', 'rgb(38, 38, 38)', 'rgb(255, 255, 255)'])).toEqual({ r: 38, g: 38, b: 38, a: 1 });
  expect(effectiveBackground(['rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)'])).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
  // Nothing opaque: the white canvas.
  expect(effectiveBackground(['rgba(0, 0, 0, 0)'])).toEqual({ r: 255, g: 255, b: 255, a: 1 });
});
