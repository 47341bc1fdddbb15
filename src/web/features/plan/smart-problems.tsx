import { useTranslation } from 'react-i18next';
import type { ServicePlan } from './plan-api.ts';

type SmartProblem = ServicePlan['smartProblems'][number];

/** What the server's SMART check says about one goal, as it was last saved. */
export function SmartProblems({ problems, checked }: { problems: SmartProblem[]; checked: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="smart">
      <h3 className="smart__title">{t('smart.title')}</h3>
      {!checked ? (
        <p>{t('smart.notYetChecked')}</p>
      ) : problems.length === 0 ? (
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
  );
}
