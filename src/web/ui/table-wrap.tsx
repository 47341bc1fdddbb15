import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** A header's text as seen on screen: text only for screen readers (an actions column's name) left out. */
function visibleText(node: Node): string {
  if (node instanceof HTMLElement && node.classList.contains('visually-hidden')) return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(visibleText).join('');
}

/**
 * Names each data cell of the box's tables by its column header (`data-label`), which a phone shows
 * before the cell where the rows become cards (styles.css, "Tables").
 */
function labelCells(box: HTMLElement): void {
  for (const table of box.querySelectorAll<HTMLTableElement>(':scope > table')) {
    const headers = table.tHead?.rows[table.tHead.rows.length - 1];
    if (!headers) continue;
    const labels: string[] = [];
    for (const header of headers.cells) {
      const text = visibleText(header).trim().replace(/\s+/g, ' ');
      for (let i = 0; i < header.colSpan; i++) labels.push(text);
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = cell.tagName === 'TD' ? labels[column] : undefined;
          if (label && cell.dataset.label !== label) cell.dataset.label = label;
          else if (!label && cell.hasAttribute('data-label')) cell.removeAttribute('data-label');
          column += cell.colSpan;
        }
      }
    }
  }
}

/** Below this width of the window every table is shown as cards. */
const PHONE = '(max-width: 40rem)';

/**
 * Shows the box's tables as cards (`table-wrap--cards`) on a phone and wherever the table is wider
 * than its box; as a table otherwise. Measured as a table first, in the same frame, so nothing flickers.
 * A table that still does not fit as a table scrolls in its box, which is then focusable.
 */
function chooseLayout(box: HTMLElement): void {
  box.classList.remove('table-wrap--cards');
  const cards = window.matchMedia(PHONE).matches || box.scrollWidth > box.clientWidth + 1;
  box.classList.toggle('table-wrap--cards', cards);
  if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/**
 * The box around a table: a table where it fits, cards (each cell named by its column's header) on a
 * phone and where it does not, kept up to date as the box, the rows and the headers change.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    labelCells(element);
    chooseLayout(element);
    // Only text and elements are watched: the labels and the class set here do not call it again.
    const content = new MutationObserver(() => {
      labelCells(element);
      chooseLayout(element);
    });
    content.observe(element, { childList: true, subtree: true, characterData: true });
    let width = element.clientWidth;
    const size = new ResizeObserver(() => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      chooseLayout(element);
    });
    size.observe(element);
    return () => {
      content.disconnect();
      size.disconnect();
    };
  }, []);
  return (
    // A named group, not a region: the box belongs to its section, and a landmark of the section's name would repeat it.
    // biome-ignore lint/a11y/useSemanticElements: a box around a table, not a set of form controls
    <div ref={box} className="table-wrap" role="group" aria-label={label}>
      {children}
    </div>
  );
}
