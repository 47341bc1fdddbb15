import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../api.ts';
import { formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';

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
  /** The server refused to register because of these strong matches. */
  blockedBy: readonly string[];
  onUse: (candidate: DuplicateCandidate) => void;
  onDistinct: (candidate: DuplicateCandidate) => void;
}

/** People who may already be registered: score, reasons, and what the worker decides about each. */
export function DuplicateCandidates({ candidates, distinct, blockedBy, onUse, onDistinct }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = candidates.filter((c) => c.strength !== 'weak' || blockedBy.includes(c.personId));
  return (
    <section aria-labelledby="duplicates-title" aria-live="polite" className="panel">
      <h3 id="duplicates-title">{t('duplicate.title')}</h3>
      {blockedBy.length > 0 && (
        <p role="alert" className="notice notice--error">
          {t('duplicate.blocked')}
        </p>
      )}
      {shown.length === 0 ? (
        <p>{t('duplicate.none')}</p>
      ) : (
        <ul className="candidate-list">
          {shown.map((c) => {
            const isDistinct = distinct.includes(c.personId);
            const name = `${c.givenName} ${c.familyName}`;
            return (
              <li key={c.personId} className={`candidate${c.strength === 'strong' ? ' candidate--strong' : ''}`}>
                <p>
                  <strong>{name}</strong>
                  {c.birthDate ? `, ${t('person.bornOn', { date: c.birthDate })}` : ''} – {t(`duplicate.strength.${c.strength}`)} (
                  {t('duplicate.score', { score: c.score })})
                </p>
                <p>{describeReasons(c.reasons, t, locale)}</p>
                {isDistinct ? (
                  <p>{t('duplicate.markedDistinct')}</p>
                ) : (
                  <div className="button-row">
                    {c.canOpen && (
                      <button
                        type="button"
                        className="button button--primary button--small"
                        onClick={() => onUse(c)}
                        aria-label={t('duplicate.useNamed', { name })}
                      >
                        {t('duplicate.use')}
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
