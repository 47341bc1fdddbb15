import { Fragment } from 'react';

/**
 * Text that may wrap at its parts and nowhere else: before "@" and "." of an e-mail address, after
 * "/" of a time zone or path (`<wbr>`). In a table its column then narrows to the longest part
 * instead of breaking a word in the middle.
 */
export function WrapPoints({ text }: { text: string }) {
  const parts = text.split(/(?=[@.])|(?<=\/)/);
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
