import { type MouseEvent, useId } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { FormState } from './use-form.ts';

/**
 * The list of problems above a form. Always in the DOM as a live region, filled and focused when a
 * submission fails; each entry links to its field. `reveal` shows a field that is out of sight (in a
 * closed section, say) before the link moves focus to it.
 */
export function ErrorSummary({
  form,
  labels,
  reveal,
}: {
  form: FormState;
  labels: Record<string, string>;
  reveal?: (field: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const entries = Object.entries(form.errors);
  const hasProblems = entries.length > 0 || form.message !== null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, field: string) => {
    if (reveal) flushSync(() => reveal(field));
    const target = document.getElementById(form.id(field));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  return (
    <div
      ref={form.summaryRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby={hasProblems ? headingId : undefined}
      className={hasProblems ? 'error-summary' : 'error-summary error-summary--empty'}
    >
      {hasProblems && (
        <>
          <h2 id={headingId} className="error-summary__title">
            {t('form.problemTitle')}
          </h2>
          {form.message && <p>{form.message}</p>}
          {entries.length > 0 && (
            <ul>
              {entries.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${form.id(field)}`} onClick={(event) => focusField(event, field)}>
                    {labels[field] ? t('form.fieldProblem', { field: labels[field], message }) : message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
