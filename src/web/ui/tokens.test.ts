import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tokensFile = path.join(import.meta.dirname, 'tokens.css');
const css = readFileSync(tokensFile, 'utf8');
const webRoot = path.resolve(import.meta.dirname, '..');

/** Every stylesheet of the web app, tokens.css among them, with its path from src/web. */
const stylesheets = readdirSync(webRoot, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.css'))
  .map((file) => ({ file, text: readFileSync(path.join(webRoot, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }));
const styles = stylesheets.filter(({ file }) => path.join(webRoot, file) !== tokensFile);

/** The declarations of a stylesheet as `file:line  text`, those matching `pattern`. */
function declarations(pattern: RegExp): string[] {
  return styles.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}  ${line.trim()}`] : [])),
  );
}

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

  it('the ratios "on white" in the comments are the ones the values give', () => {
    let checked = 0;
    for (const [, name, value, ratio] of css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});\s*\/\*[^*]*?([\d.]+):1 on white/g)) {
      expect(contrast(String(value), '#ffffff').toFixed(2), String(name)).toBe(ratio);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('text on the primary blue, its dark shade and the error red (buttons, the header) meets 4.5:1', () => {
    for (const background of ['colour-primary', 'colour-primary-dark', 'status-error-border'])
      expect(contrast(token('colour-text-inverse'), token(background)), background).toBeGreaterThanOrEqual(4.5);
  });

  it('the chart series are at least 3:1 on white', () => {
    for (let n = 1; n <= 8; n++) expect(contrast(token(`chart-${n}`), '#ffffff'), `chart-${n}`).toBeGreaterThanOrEqual(3);
  });
});

describe('stylesheets use the tokens', () => {
  it('finds the stylesheets it checks', () => {
    expect(styles.map((s) => s.file)).toEqual(expect.arrayContaining(['styles.css', path.join('features', 'cases', 'case-workspace.css')]));
  });

  it('write no colour as a value outside tokens.css: no hex, rgb() or hsl()', () => {
    expect(declarations(/#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/)).toEqual([]);
  });

  it('take every font size from the type scale', () => {
    expect(declarations(/font-size:(?!\s*(?:var\(--font-size-|inherit;|100%;))/)).toEqual([]);
  });

  it('take margins, paddings and gaps from the spacing scale', () => {
    // A length other than 0 written out (negative offsets of the visually hidden pattern are geometry, not spacing).
    expect(
      declarations(/^\s*(?:margin|padding|gap|row-gap|column-gap)[\w-]*\s*:[^;]*(?<![\w-])(?!0(?![.\d]))\d*\.?\d+(?:rem|em|px)/),
    ).toEqual([]);
  });

  it('name only custom properties that some stylesheet defines', () => {
    const all = stylesheets.map((s) => s.text).join('\n');
    const defined = new Set([...all.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
    const used = [...new Set([...all.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]))];
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
  });
});
