import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf.ts';
import { createPdfWriter, fontRuns, loadPdfLibraries } from './pdf.ts';

beforeAll(loadPdfLibraries);

describe('server-made PDF documents', () => {
  it('set each script of a name in a font that has its characters', () => {
    const runs = fontRuns('Åse Иванова 王小明', 400);
    expect(runs.map((r) => [r.subset, r.text])).toEqual([
      ['noto-sans-latin-400-normal', 'Åse '],
      ['noto-sans-cyrillic-400-normal', 'Иванова '],
      ['noto-sans-sc-chinese-simplified-400-normal', '王小明'],
    ]);
  });

  it('find a rare Chinese character in the subsets read only when needed', () => {
    const [run] = fontRuns('龑', 400);
    expect(run!.subset).toMatch(/^noto-sans-sc-\d+-400-normal$/);
  });

  it('give text a reader can copy back out, in every script, with numbered pages', async () => {
    const writer = await createPdfWriter({ title: 'Test', language: 'ru', author: 'Tillit' });
    writer.title('Копия сведений').field('Имя', 'Łukasz Nowak, 陳大文, Ελένη').paragraph('Nguyễn Văn An');
    const text = await pdfText(await writer.finish((page, pages) => `${page} / ${pages}`));
    for (const words of ['Копия сведений', 'Имя: Łukasz Nowak, 陳大文, Ελένη', 'Nguyễn Văn An', '1 / 1']) expect(text).toContain(words);
  });
});
