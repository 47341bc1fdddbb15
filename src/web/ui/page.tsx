import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPageShown = false;

/** Sets the document title. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [title, t]);
}

/**
 * One page: its single h1 and the document title. After client-side navigation the heading takes focus,
 * so screen-reader and keyboard users start at the new content (not on the first load). `before` is
 * what a group of pages shows above the heading of each (a case's header and its sections).
 */
export function Page({ title, before, children }: { title: string; before?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, []);
  return (
    <>
      {before}
      <h1 ref={heading} tabIndex={-1} className="page-title">
        {title}
      </h1>
      {children}
    </>
  );
}
