import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatDate, formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { describeError } from '../../ui/validation.ts';
import { linkRequestsApi, type RevealedPerson } from '../people/link-requests-api.ts';
import type { DuplicateCandidate } from '../people/people-api.ts';

/** "same birth date and name 87 % similar", in the reader's language. */
export function describeReasons(reasons: DuplicateCandidate['reasons'], t: TFunction, locale: string): string {
  return formatList(
    reasons.map((r) => t(`duplicate.reason.${r.code}`, { value: r.value ?? 0, defaultValue: r.code })),
    locale,
  );
}

interface Props {
  candidates: DuplicateCandidate[];
  distinct: readonly string[];
  /** Candidates out of reach whose units are to be asked to link the records when this person is registered. */
  askedToLink: readonly string[];
  /** The server refused to register because of these strong matches. */
  blockedBy: readonly string[];
  onUse: (candidate: DuplicateCandidate) => void;
  onDistinct: (candidate: DuplicateCandidate) => void;
  onAskToLink: (candidate: DuplicateCandidate) => void;
}

/** How a candidate is named: in full where the worker may open the record, by initials and birth year where not. */
export function candidateName(c: DuplicateCandidate, t: TFunction): string {
  if (c.canOpen) return `${c.givenName ?? ''} ${c.familyName ?? ''}`.trim();
  return c.birthYear ? t('duplicate.maskedName', { initials: c.initials, year: c.birthYear }) : c.initials;
}

/** People who may already be registered: score, reasons, and what the worker decides about each. */
export function DuplicateCandidates({ candidates, distinct, askedToLink, blockedBy, onUse, onDistinct, onAskToLink }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = candidates.filter((c) => c.strength !== 'weak' || blockedBy.includes(c.personId));
  return (
    <section aria-labelledby="duplicates-title" className="panel">
      <h3 id="duplicates-title">{t('duplicate.title')}</h3>
      {blockedBy.length > 0 && (
        <p role="alert" className="notice notice--error">
          {t('duplicate.blocked')}
        </p>
      )}
      {/* Announced when it changes, without taking the worker away from the field they are typing in. */}
      <p aria-live="polite" aria-atomic="true">
        {shown.length === 0 ? t('duplicate.none') : t('duplicate.found', { count: shown.length })}
      </p>
      {shown.length > 0 && (
        <ul className="candidate-list">
          {shown.map((c) => {
            const name = candidateName(c, t);
            const answer = distinct.includes(c.personId) ? 'distinct' : askedToLink.includes(c.personId) ? 'asked' : null;
            return (
              <li key={c.personId} className={`candidate${c.strength === 'strong' ? ' candidate--strong' : ''}`}>
                <p>
                  <strong>{name}</strong>
                  {c.birthDate ? `, ${t('person.bornOn', { date: formatDate(c.birthDate, locale) })}` : ''} –{' '}
                  {t(`duplicate.strength.${c.strength}`)} ({t('duplicate.score', { score: c.score })})
                </p>
                <p>{describeReasons(c.reasons, t, locale)}</p>
                {!c.canOpen && (
                  <p>
                    {t('duplicate.outOfReach')} {c.knownTo.length > 0 && t('duplicate.knownTo', { units: formatList(c.knownTo, locale) })}
                  </p>
                )}
                {!c.canOpen && <RevealRecord candidate={c} name={name} />}
                {answer === 'distinct' && <p>{t('duplicate.markedDistinct')}</p>}
                {answer === 'asked' && <p>{t('duplicate.askedToLink')}</p>}
                {answer === null && (
                  <div className="button-row">
                    {c.canOpen ? (
                      <button
                        type="button"
                        className="button button--primary button--small"
                        onClick={() => onUse(c)}
                        aria-label={t('duplicate.useNamed', { name })}
                      >
                        {t('duplicate.use')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--primary button--small"
                        onClick={() => onAskToLink(c)}
                        aria-label={t('duplicate.askToLinkNamed', { name })}
                      >
                        {t('duplicate.askToLink')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onDistinct(c)}
                      aria-label={t('duplicate.distinctNamed', { name })}
                    >
                      {t('duplicate.distinct')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * A record out of reach, shown in full on request: supervision may, others say why – the reason
 * goes to the audit trail and the person's worker is told.
 */
function RevealRecord({ candidate, name }: { candidate: DuplicateCandidate; name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<RevealedPerson | null>(null);
  const id = `reveal-${candidate.personId}`;
  if (revealed) {
    return (
      <p className="notice">
        {t('duplicate.revealed', { name: `${revealed.givenName} ${revealed.familyName}` })}
        {revealed.birthDate ? `, ${t('person.bornOn', { date: formatDate(revealed.birthDate, locale) })}` : ''}
        {revealed.phones.length > 0 ? ` · ${revealed.phones.join(', ')}` : ''}
        {revealed.nationalId ? ` · ${revealed.nationalId}` : ''}
      </p>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setOpen(true)}
        aria-label={t('duplicate.revealNamed', { name })}
      >
        {t('duplicate.reveal')}
      </button>
    );
  }
  const submit = () => {
    setError(null);
    linkRequestsApi
      .reveal(candidate.personId, { reason })
      .then(setRevealed)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.fieldErrors.some((f) => f.field === 'reason')) setError(t('duplicate.revealReasonRequired'));
        else setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected'));
      });
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('duplicate.revealReason')}
      </label>
      <input
        id={id}
        className="field__input"
        value={reason}
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      <button type="button" className="button button--secondary button--small" onClick={submit}>
        {t('duplicate.revealSubmit')}
      </button>
    </div>
  );
}
