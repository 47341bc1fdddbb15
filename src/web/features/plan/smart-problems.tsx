import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmartProblem } from '../../../areas/plan/smart-goal.rules.ts';

/**
 * What the SMART check says about one goal as it stands, checked as the goal is typed by the same
 * rules the server applies when the plan is put to the person. A polite live region: the reader
 * hears when a problem goes away.
 */
export function SmartProblems({ problems }: { problems: readonly SmartProblem[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className={`smart${problems.some((p) => p.severity === 'error') ? '' : ' smart--met'}`}>
      <h5 id={id} className="smart__title">
        {t('smart.title')}
      </h5>
      <div aria-live="polite" className="smart__body">
        {problems.length === 0 ? (
          <p>{t('smart.none')}</p>
        ) : (
          <ul className="smart__list">
            {problems.map((p) => (
              <li key={`${p.code}-${p.field}`} className={`smart__problem smart__problem--${p.severity}`}>
                <strong>{t(`smart.severity.${p.severity}`)}</strong> {t(`smart.criterion.${p.criterion}`, { defaultValue: p.criterion })}:{' '}
                {t(`smart.problem.${p.code}`, { defaultValue: p.message })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
