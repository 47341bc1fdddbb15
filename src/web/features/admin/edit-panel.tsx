import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../ui/buttons.tsx';

/** A section for editing one record; its heading takes focus when it opens. */
export function EditPanel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, []);
  return (
    <section aria-labelledby={headingId} className="panel panel--edit">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Moves focus to an element once React has rendered (e.g. back to the "Edit" button after closing a panel). */
export function focusLater(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** The header of a table's last column, which holds the rows' "Edit" buttons: named for screen readers only. */
export function ActionsColumnHeader() {
  const { t } = useTranslation();
  return (
    <th scope="col">
      <span className="visually-hidden">{t('common.actions')}</span>
    </th>
  );
}

/** A row's "Edit" button, naming the record for screen readers; `id` lets focus come back to it (`focusLater`). */
export function EditRowButton({ id, name, onClick }: { id: string; name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button id={id} type="button" className="button button--secondary button--small" onClick={onClick}>
      {t('common.edit')}
      <span className="visually-hidden">{` ${name}`}</span>
    </button>
  );
}

/** The buttons under an edit panel's form: save, or cancel and close the panel. */
export function EditFormActions({ submitting, onCancel }: { submitting: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <SubmitButton submitting={submitting}>{t('common.save')}</SubmitButton>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
