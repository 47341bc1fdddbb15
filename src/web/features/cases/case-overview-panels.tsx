import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../format.ts';
import { SummaryList } from '../../ui/card.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusTag } from '../../ui/status-tag.tsx';
import type { CaseDeadline, CaseOverview } from './case-api.ts';

/** Open steps shown on the case page; the plan page has them all. */
const SHOWN_STEPS = 8;

/** What the person came with: the request the case was opened from, in the intake worker's and the person's own words. */
export function PresentingProblem({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = overview.presentingRequest;
  return (
    <section aria-labelledby="case-presenting" className="panel case-overview__panel">
      <h2 id="case-presenting">{t('case.overview.presentingTitle')}</h2>
      {request ? (
        <>
          <SummaryList
            rows={[
              {
                id: 'mainProblem',
                key: t('intake.mainProblem'),
                value: request.mainProblem || t('case.overview.notRecorded'),
                dir: 'auto',
              },
              {
                id: 'ownWords',
                key: t('intake.ownWords'),
                value: request.ownWords ? <q className="case-overview__words">{request.ownWords}</q> : t('case.overview.notRecorded'),
                dir: 'auto',
              },
            ]}
          />
          <p className="case-overview__meta">
            {t('case.overview.requestReceived', {
              receipt: request.receiptNumber,
              time: formatDateTime(request.receivedAt, locale),
              channel: t(`channel.${request.channel}`),
            })}
          </p>
          {request.may.open && (
            <p>
              <Link to={`/intake/${request.id}`} className="standalone-link">
                {t('case.overview.openRequest', { receipt: request.receiptNumber })}
              </Link>
            </p>
          )}
        </>
      ) : (
        <p>{t('case.overview.noRequest')}</p>
      )}
    </section>
  );
}

/** The plan in force and its next open steps, soonest first, and a version being prepared. */
export function PlanInForce({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const plan = overview.activePlan;
  const open = overview.steps.filter((s) => s.status === 'planned' || s.status === 'in_progress');
  const caseId = overview.case.id;
  return (
    <section aria-labelledby="case-plan-now" className="panel case-overview__panel">
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
            <>
              <h3 className="case-overview__subheading">{t('case.overview.nextSteps')}</h3>
              <ul className="plain-list">
                {open.slice(0, SHOWN_STEPS).map((s) => (
                  <li key={s.stepId}>
                    {s.dueDate ? `${formatDate(s.dueDate, locale)} – ` : ''}
                    {s.what}
                    {s.overdue && (
                      <>
                        {' '}
                        <StatusTag kind="overdue">{t('case.overview.overdue')}</StatusTag>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
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
  );
}

function DeadlineText({ deadline, overview }: { deadline: CaseDeadline; overview: CaseOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  switch (deadline.kind) {
    case 'step':
      return <>{t('case.overview.deadline.step', { date: formatDate(deadline.dueDate, locale), what: deadline.what })}</>;
    case 'plan_review':
      return <>{t('case.overview.deadline.planReview', { date: formatDate(deadline.dueDate, locale) })}</>;
    case 'first_response':
      return (
        <>
          {t('case.overview.deadline.firstResponse', {
            time: formatDateTime(deadline.dueAt, locale),
            receipt: overview.presentingRequest?.receiptNumber ?? '',
          })}
        </>
      );
  }
}

/** The dates the case's work must meet: overdue first, then the soonest; each says in words whether it has passed. */
export function OpenDeadlines({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const caseId = overview.case.id;
  return (
    <section aria-labelledby="case-deadlines" className="panel case-overview__panel">
      <h2 id="case-deadlines">{t('case.overview.deadlinesTitle')}</h2>
      {overview.deadlines.length === 0 ? (
        <p>{t('case.overview.noDeadlines')}</p>
      ) : (
        <ul className="case-deadlines">
          {overview.deadlines.map((d) => {
            // A step or the review is met on the plan's page; the first response on the request's, where the reader may open it.
            const to =
              d.kind !== 'first_response'
                ? `/cases/${caseId}/plan`
                : overview.presentingRequest?.may.open
                  ? `/intake/${d.requestId}`
                  : null;
            const text = <DeadlineText deadline={d} overview={overview} />;
            return (
              <li key={d.kind === 'step' ? d.stepId : d.kind} className="case-deadlines__item">
                <StatusTag kind={d.overdue ? 'overdue' : 'dueSoon'}>
                  {d.overdue ? t('case.overview.overdueBadge') : t('case.overview.dueSoonBadge')}
                </StatusTag>{' '}
                {to ? <Link to={to}>{text}</Link> : text}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface Action {
  key: string;
  to: string;
  label: string;
}

/**
 * What this user may do with the case now, as the server's `may` says (never decided here from
 * roles): each links to where it is done – a section of the case, or the form further down.
 */
export function CaseActions({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const { case: record, latestAssessment, activePlan, planInPreparation, agreement } = overview;
  const base = `/cases/${record.id}`;
  const actions: Action[] = [];
  if (record.may.endCrisis) actions.push({ key: 'crisis', to: '#case-crisis', label: t('case.actions.endCrisis') });
  if (record.may.work) {
    if (!latestAssessment) actions.push({ key: 'assess', to: `${base}/assessments`, label: t('case.actions.startAssessment') });
    else if (latestAssessment.status === 'draft')
      actions.push({ key: 'assess', to: `${base}/assessments`, label: t('case.actions.continueAssessment') });
    actions.push({ key: 'decide', to: `${base}/decisions`, label: t('case.actions.decide') });
    if (planInPreparation)
      actions.push({
        key: 'plan',
        to: `${base}/plan`,
        label: t('case.actions.continuePlan', { version: planInPreparation.planVersion }),
      });
    else if (activePlan) actions.push({ key: 'plan', to: `${base}/plan`, label: t('case.actions.recordProgress') });
    else actions.push({ key: 'plan', to: `${base}/plan`, label: t('case.actions.preparePlan') });
    actions.push({ key: 'questionnaire', to: '#case-questionnaires', label: t('case.actions.questionnaire') });
    if (agreement.status === 'none' || agreement.status === 'terminated')
      actions.push({ key: 'agreement', to: '#case-agreements', label: t('case.actions.drawUpAgreement') });
  }
  if (record.may.changeStageTo.length > 0) actions.push({ key: 'stage', to: '#case-stage', label: t('case.actions.changeStage') });
  if (record.may.reassign) actions.push({ key: 'reassign', to: '#case-reassign', label: t('case.actions.reassign') });
  return (
    <section aria-labelledby="case-actions" className="panel case-overview__panel">
      <h2 id="case-actions">{t('case.actions.title')}</h2>
      {actions.length === 0 ? (
        <p>{t('case.actions.none')}</p>
      ) : (
        <ul className="case-actions">
          {actions.map((a) => (
            <li key={a.key}>
              {a.to.startsWith('#') ? (
                <a href={a.to} className="case-actions__link">
                  {a.label}
                </a>
              ) : (
                <Link to={a.to} className="case-actions__link">
                  {a.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The latest assessment's needs, with when they were identified. */
export function LatestAssessment({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const assessment = overview.latestAssessment;
  return (
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
  );
}
