import { z } from 'zod';

/*
 * The text of a journal entry: a small ProseMirror document (the editor's own JSON), limited to
 * what a journal needs – paragraphs, two heading levels, bulleted and numbered lists, bold and
 * italic. Anything else (HTML, links, images, other node types) is refused, so stored text can
 * never carry markup to a reader; documents render it by escaping every text node.
 */

const mark = z.strictObject({ type: z.enum(['bold', 'italic']) });
export const textNode = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1).max(20_000),
  marks: z.array(mark).max(2).optional(),
});
const hardBreak = z.strictObject({ type: z.literal('hardBreak') });
const inline = z.discriminatedUnion('type', [textNode, hardBreak]);
export type InlineNode = z.infer<typeof inline>;

export type Block =
  | { type: 'paragraph'; content?: InlineNode[] }
  | { type: 'heading'; attrs: { level: 2 | 3 }; content?: InlineNode[] }
  | { type: 'bulletList'; content: ListItem[] }
  | { type: 'orderedList'; attrs?: { start?: number; type?: string | null }; content: ListItem[] };
export interface ListItem {
  type: 'listItem';
  content: Block[];
}

const paragraph = z.strictObject({ type: z.literal('paragraph'), content: z.array(inline).max(2000).optional() });
const heading = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({ level: z.union([z.literal(2), z.literal(3)]) }),
  content: z.array(inline).max(200).optional(),
});
const listItem: z.ZodType<ListItem> = z.strictObject({
  type: z.literal('listItem'),
  get content(): z.ZodArray<z.ZodType<Block>> {
    return z.array(block).min(1).max(50);
  },
});
const bulletList = z.strictObject({ type: z.literal('bulletList'), content: z.array(listItem).min(1).max(200) });
const orderedList = z.strictObject({
  type: z.literal('orderedList'),
  attrs: z.strictObject({ start: z.int().min(0).max(10_000).optional(), type: z.string().max(5).nullable().optional() }).optional(),
  content: z.array(listItem).min(1).max(200),
});
// Named, so that the API description can refer to the recursive shape as one component.
export const block: z.ZodType<Block> = z
  .discriminatedUnion('type', [paragraph, heading, bulletList, orderedList])
  .meta({ id: 'JournalTextBlock' });

/** The whole text: at most 100 000 characters of words, and as deep as lists sensibly nest. */
export const richText = z.strictObject({ type: z.literal('doc'), content: z.array(block).max(2000) }).superRefine((doc, ctx) => {
  if (plainText(doc).length > 100_000) ctx.addIssue({ code: 'custom', message: 'The text is longer than 100 000 characters' });
  if (depthOf(doc.content) > 6) ctx.addIssue({ code: 'custom', message: 'Lists nest more than five deep' });
});
export type RichText = z.infer<typeof richText>;

export const emptyText: RichText = { type: 'doc', content: [] };

function depthOf(blocks: readonly Block[]): number {
  let deepest = 0;
  for (const b of blocks) {
    if (b.type === 'bulletList' || b.type === 'orderedList')
      deepest = Math.max(deepest, 1 + Math.max(0, ...b.content.map((item) => depthOf(item.content))));
  }
  return deepest;
}

function inlineText(nodes: readonly InlineNode[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(b: Block): string {
  if (b.type === 'paragraph' || b.type === 'heading') return inlineText(b.content);
  return b.content.map((item) => item.content.map(blockText).join('\n')).join('\n');
}

/** The words of the text, one line per paragraph, heading or list item: for search and for plain-text exports. */
export function plainText(doc: { content: readonly Block[] }): string {
  return doc.content.map(blockText).join('\n');
}

/** The text has words in it (an entry is not signed empty). */
export function hasWords(doc: { content: readonly Block[] }): boolean {
  return plainText(doc).trim().length > 0;
}
