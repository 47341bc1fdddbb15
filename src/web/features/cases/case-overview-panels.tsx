import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { type CaseOverview, caseApi } from './case-api.ts';

/** Open steps shown on the case page; the plan page has them all. */
const SHOWN_STEPS = 8;

/**
 * What the case page shows of the casework, read in one request (GET /cases/:id/overview): the
 * plan in force with its open steps, a version being prepared, and the latest assessment's needs.
 */
export function CaseOverviewPanels({ caseId, onPerson }: { caseId: string; onPerson: (name: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [overview, setOverview] = useState<CaseOverview | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again only when the case changes; onPerson is a callback of the parent
  useEffect(() => {
    let current = true;
    caseApi
      .overview(caseId)
      .then((o) => {
        if (!current) return;
        setOverview(o);
        onPerson(`${o.person.givenName} ${o.person.familyName}`);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [caseId]);
  if (!overview) return null;
  const plan = overview.activePlan;
  const open = overview.steps.filter((s) => s.status === 'planned' || s.status === 'in_progress');
  const assessment = overview.latestAssessment;
  return (
    <>
      <section aria-labelledby="case-plan-now" className="panel">
        <h2 id="case-plan-now">{t('case.overview.planTitle')}</h2>
        {plan ? (
          <>
            <p>
              {t('case.overview.planVersion', {
                version: plan.planVersion,
                from: formatDate(plan.periodFrom, locale),
                to: formatDate(plan.periodTo, locale),
                review: formatDate(plan.reviewDate, locale),
              })}
            </p>
            {open.length === 0 ? (
              <p>{t('case.overview.noOpenSteps')}</p>
            ) : (
              <ul className="plain-list">
                {open.slice(0, SHOWN_STEPS).map((s) => (
                  <li key={s.stepId}>
                    {s.dueDate ? `${formatDate(s.dueDate, locale)} – ` : ''}
                    {s.what}
                    {s.overdue && (
                      <>
                        {' '}
                        <strong className="badge badge--urgent">{t('case.overview.overdue')}</strong>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {open.length > SHOWN_STEPS && <p>{t('case.overview.moreSteps', { count: open.length - SHOWN_STEPS })}</p>}
          </>
        ) : (
          <p>{t('case.overview.noPlan')}</p>
        )}
        {overview.planInPreparation && <p>{t('case.overview.planInPreparation', { version: overview.planInPreparation.planVersion })}</p>}
        <p>
          <Link to={`/cases/${caseId}/plan`} className="standalone-link">
            {t('case.planLink')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="case-assessment-now" className="panel">
        <h2 id="case-assessment-now">{t('case.overview.assessmentTitle')}</h2>
        {assessment ? (
          <>
            <p>{t('case.overview.assessedOn', { date: formatDate(assessment.assessedOn, locale) })}</p>
            {assessment.needs.length === 0 ? (
              <p>{t('case.overview.noNeeds')}</p>
            ) : (
              <ul className="plain-list">
                {assessment.needs.map((n) => (
                  <li key={n.id}>
                    {n.description} ({formatDate(n.identifiedOn, locale)})
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>{t('case.overview.noAssessment')}</p>
        )}
      </section>
    </>
  );
}
