import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { caseStage } from '../../../areas/case/case.contract.ts';
import { formatDateTime, formatDay, formatList } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { useLocale } from '../../ui/locale.ts';
import { PriorityTag } from '../intake/priority-tag.tsx';
import type { CaseOverview, CaseRecord } from './case-api.ts';
import './case-workspace.css';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';

/**
 * The stage as steps: an ordered list with the current one marked `aria-current="step"`. Passed
 * steps carry a tick, the current one a filled number, the ones ahead a dashed outline – told apart
 * by shape and weight, not by colour alone – and each says in words where it stands.
 */
export function StageStepper({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = caseStage.options.indexOf(record.stage);
  // When each stage was last entered (a case may go back a stage, e.g. for a reassessment).
  const entered = new Map(record.stages.map((s) => [s.stage, s.enteredAt]));
  return (
    <ol className="stepper" aria-label={t('case.header.stages')}>
      {caseStage.options.map((stage, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'ahead';
        const since = state === 'ahead' ? undefined : entered.get(stage);
        return (
          <li key={stage} className={`stepper__step stepper__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stepper__marker" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className="stepper__text">
              <span className="stepper__label">{t(`caseStage.${stage}`)}</span>
              {state !== 'current' && <span className="visually-hidden"> ({t(`case.header.step.${state}`)})</span>}
              {since && <span className="stepper__date">{formatDay(since, locale)}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const agreementTag: Record<CaseOverview['agreement']['status'], StatusKind> = {
  none: 'todo',
  awaiting_signatures: 'awaiting',
  signed: 'signed',
  terminated: 'ended',
};

/** The header of every page of a case: who it is about, its number, priority and crisis flag, who holds it, the agreement, the stage. */
export function CaseHeader({ overview }: { overview: CaseOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { case: record, person, responsible, team, unit, agreement, openCrisis } = overview;
  const name = person.name;
  return (
    <section className="case-header" aria-label={t('case.header.label', { number: record.caseNumber })}>
      <div className="case-header__top">
        <p className="case-header__name">
          <Link to={`/people/${person.id}`} className="case-header__person">
            <span lang={name.ownLanguage ?? undefined}>{name.own}</span>
          </Link>
          {name.latin && (
            <span className="case-header__latin">
              <span className="visually-hidden">{t('case.header.latin')}: </span>
              {name.latin}
            </span>
          )}
        </p>
        {openCrisis ? (
          <p className="case-header__crisis">
            <Link to={`/cases/${encodeURIComponent(record.id)}/crisis`} className="case-badge case-badge--crisis">
              <span aria-hidden="true">⚠ </span>
              {t('case.header.openCrisis', { time: formatDateTime(openCrisis.openedAt, locale) })}
            </Link>
          </p>
        ) : (
          record.crisisRaisedAt && (
            <p className="case-header__crisis">
              <strong className="case-badge case-badge--crisis">
                <span aria-hidden="true">⚠ </span>
                {t('case.header.crisis')}
              </strong>
            </p>
          )
        )}
      </div>
      <dl className="case-header__facts">
        <div>
          <dt>{t('case.number')}</dt>
          <dd>{record.caseNumber}</dd>
        </div>
        <div>
          <dt>{t('intake.priority')}</dt>
          <dd>
            <PriorityTag priority={record.priority} />
          </dd>
        </div>
        <div>
          <dt>{t('decision.responsible')}</dt>
          <dd>{responsible.name}</dd>
        </div>
        <div>
          <dt>{t('decision.team')}</dt>
          <dd>
            {team.length > 0
              ? formatList(
                  team.map((m) => m.name),
                  locale,
                )
              : t('case.header.noTeam')}
          </dd>
        </div>
        <div>
          <dt>{t('staff.unit')}</dt>
          <dd>{unit.name}</dd>
        </div>
        <div>
          <dt>{t('case.header.agreement')}</dt>
          <dd>
            <StatusTag kind={agreementTag[agreement.status]}>{t(`case.header.agreementStatus.${agreement.status}`)}</StatusTag>
          </dd>
        </div>
        <div>
          <dt>{record.closedAt ? t('case.closedAt') : t('case.openedAt')}</dt>
          <dd>{formatDay(record.closedAt ?? record.openedAt, locale)}</dd>
        </div>
      </dl>
      <StageStepper record={record} />
    </section>
  );
}

const laterSections = ['evaluation'] as const;

/**
 * The parts of a case, each at its own address: links (the current one `aria-current="page"`),
 * and the parts still to be built named as such – not links to pages that do not exist.
 */
export function CaseSections({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const base = `/cases/${encodeURIComponent(caseId)}`;
  const sections = [
    { to: base, label: t('case.sections.overview'), end: true },
    { to: `${base}/assessments`, label: t('case.sections.assessment'), end: false },
    { to: `${base}/decisions`, label: t('case.sections.decisions'), end: false },
    { to: `${base}/plan`, label: t('case.sections.plan'), end: false },
    { to: `${base}/journal`, label: t('case.sections.journal'), end: false },
    { to: `${base}/contacts`, label: t('case.sections.contacts'), end: false },
    { to: `${base}/crisis`, label: t('case.sections.crisis'), end: false },
    { to: `${base}/safety-plan`, label: t('case.sections.safetyPlan'), end: false },
    { to: `${base}/summaries`, label: t('case.sections.summaries'), end: false },
    { to: `${base}/partners`, label: t('case.sections.partners'), end: false },
    // The person's own document, for those who may read it (ADR 0016); the agency head is not among them.
    ...(permissions.includes('life_story.read') ? [{ to: `${base}/life-story`, label: t('case.sections.lifeStory'), end: false }] : []),
    { to: `${base}/success-stories`, label: t('case.sections.successStories'), end: false },
  ];
  return (
    <nav className="case-sections" aria-label={t('case.sections.label')}>
      <ul className="case-sections__list">
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end} className="case-sections__link">
              {s.label}
            </NavLink>
          </li>
        ))}
        {laterSections.map((section) => (
          <li key={section}>
            <span className="case-sections__later">
              {t(`case.sections.${section}`)}
              <span className="case-sections__soon">{t('case.sections.notYet')}</span>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
