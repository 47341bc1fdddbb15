import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(import.meta.dirname, 'tokens.css'), 'utf8');

function token(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(css);
  if (!match?.[1]) throw new Error(`tokens.css has no hex value for --${name}`);
  return match[1];
}

/** Relative luminance and contrast ratio as WCAG 2.2 defines them. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('status colour tokens', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const status of ['success', 'warning', 'error', 'info', 'neutral']) {
    it(`${status}: text 4.5:1 on its background and on white, border 3:1 on its background`, () => {
      const text = token(`status-${status}-text`);
      const background = token(`status-${status}-background`);
      const border = token(`status-${status}-border`);
      expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(border, background)).toBeGreaterThanOrEqual(3);
    });
  }

  it('the ratios in the comments are the ones the values give', () => {
    let checked = 0;
    for (const [, name, value, ratio] of css.matchAll(
      /--(status-\w+-(?:text|border)):\s*(#[0-9a-f]{6});\s*\/\*\s*([\d.]+):1 on its background/g,
    )) {
      const background = token(String(name).replace(/-(text|border)$/, '-background'));
      expect(contrast(String(value), background).toFixed(2), String(name)).toBe(ratio);
      checked += 1;
    }
    expect(checked).toBe(10);
  });

  it('the focus ring stands out from white (3:1 for its dark edge)', () => {
    expect(contrast(token('focus-ring-edge'), '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});
