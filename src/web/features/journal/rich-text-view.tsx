import { Fragment, type ReactNode } from 'react';
import type { Block, InlineNode } from '../../../areas/journal/rich-text.rules.ts';

function inline(nodes: readonly InlineNode[] | undefined): ReactNode {
  return (nodes ?? []).map((node, i) => {
    // biome-ignore lint/suspicious/noArrayIndexKey: a signed text never changes; a draft's is rebuilt whole
    if (node.type === 'hardBreak') return <br key={i} />;
    let content: ReactNode = node.text;
    for (const mark of node.marks ?? []) content = mark.type === 'bold' ? <strong>{content}</strong> : <em>{content}</em>;
    // biome-ignore lint/suspicious/noArrayIndexKey: as above
    return <Fragment key={i}>{content}</Fragment>;
  });
}

/**
 * An entry's text as React elements, from the stored JSON: the words are text nodes, never markup.
 * The text's own headings sit two levels below the entry's (which is an h3 on the journal page).
 */
export function RichTextView({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        const key = `${i}-${b.type}`;
        switch (b.type) {
          case 'paragraph':
            return <p key={key}>{inline(b.content)}</p>;
          case 'heading':
            return b.attrs.level === 2 ? <h4 key={key}>{inline(b.content)}</h4> : <h5 key={key}>{inline(b.content)}</h5>;
          case 'bulletList':
            return (
              <ul key={key}>
                {b.content.map((item, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above
                  <li key={j}>
                    <RichTextView blocks={item.content} />
                  </li>
                ))}
              </ul>
            );
          case 'orderedList':
            return (
              <ol key={key} start={b.attrs?.start ?? 1}>
                {b.content.map((item, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above
                  <li key={j}>
                    <RichTextView blocks={item.content} />
                  </li>
                ))}
              </ol>
            );
        }
      })}
    </>
  );
}
