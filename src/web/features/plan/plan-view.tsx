import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanContent } from '../../../areas/plan/plan.contract.ts';
import { formatDate } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import type { Need } from '../assessment/assessment-api.ts';
import { SignatureList } from '../cases/signature-form.tsx';
import type { ServicePlan } from './plan-api.ts';

type Goal = PlanContent['goals'][number];

/** Goals in the order of the hierarchy: each long-term goal followed by the goals that serve it. */
function goalTree(goals: Goal[]): { goal: Goal; depth: number }[] {
  const out: { goal: Goal; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (goal: Goal, depth: number) => {
    if (seen.has(goal.id)) return;
    seen.add(goal.id);
    out.push({ goal, depth });
    goals.filter((g) => g.parentGoalId === goal.id).forEach((g) => visit(g, depth + 1));
  };
  goals.filter((g) => !g.parentGoalId || !goals.some((p) => p.id === g.parentGoalId)).forEach((g) => visit(g, 0));
  goals.forEach((g) => visit(g, 0));
  return out;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h3>{title}</h3>
      {children}
    </>
  );
}

/** A plan version as agreed (or as put to the person): every section, read-only. */
export function PlanView({ plan, needs }: { plan: ServicePlan; needs: Need[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const c = plan.content;
  const date = (d: string | null) => (d ? formatDate(d, locale) : '–');
  const needName = (id: string | null) => needs.find((n) => n.id === id)?.description ?? '';
  const goalName = (id: string | null) => c.goals.find((g) => g.id === id)?.description ?? '';
  return (
    <div className="plan-view">
      <dl className="details-list">
        <dt>{t('plan.periodTitle')}</dt>
        <dd>{t('plan.periodFromTo', { from: date(c.periodFrom), to: date(c.periodTo) })}</dd>
        <dt>{t('plan.field.reviewDate')}</dt>
        <dd>{date(c.reviewDate)}</dd>
        {plan.changeReason && (
          <>
            <dt>{t('plan.field.changeReason')}</dt>
            <dd>{plan.changeReason}</dd>
          </>
        )}
        {c.personWishes && (
          <>
            <dt>{t('plan.field.personWishes')}</dt>
            <dd>{c.personWishes}</dd>
          </>
        )}
        {c.themes.length > 0 && (
          <>
            <dt>{t('plan.themes.title')}</dt>
            <dd>{c.themes.map((th) => th.title).join(', ')}</dd>
          </>
        )}
      </dl>
      <Section title={t('plan.goals.title')}>
        <ul className="plan-goals">
          {goalTree(c.goals).map(({ goal, depth }) => (
            <li key={goal.id} style={{ marginInlineStart: `${depth * 1.5}rem` }}>
              <strong>{t(`plan.level.${goal.level}`)}:</strong> {goal.description}
              <br />
              {[
                goal.indicator && `${t('plan.goals.indicator')}: ${goal.indicator}`,
                (goal.baseline || goal.target) && `${goal.baseline || '–'} → ${goal.target || '–'}`,
                goal.dueDate && `${t('plan.goals.dueDate')}: ${date(goal.dueDate)}`,
                goal.needId && `${t('plan.goals.needId')}: ${needName(goal.needId)}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </li>
          ))}
        </ul>
      </Section>
      {c.steps.length > 0 && (
        <Section title={t('plan.steps.title')}>
          <TableWrap label={t('plan.steps.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('plan.steps.what')}</th>
                  <th scope="col">{t('plan.steps.goalId')}</th>
                  <th scope="col">{t('plan.steps.responsibleKind')}</th>
                  <th scope="col">{t('plan.steps.dueDate')}</th>
                  <th scope="col">{t('plan.steps.instructions')}</th>
                </tr>
              </thead>
              <tbody>
                {c.steps.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.what}</th>
                    <td>{goalName(s.goalId)}</td>
                    <td>
                      {t(`plan.responsible.${s.responsibleKind}`)}
                      {s.responsibleName ? ` (${s.responsibleName})` : ''}
                    </td>
                    <td>{date(s.dueDate)}</td>
                    <td>{s.instructions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Section>
      )}
      {c.services.length > 0 && (
        <Section title={t('plan.services.title')}>
          <ul>
            {c.services.map((s) => (
              <li key={s.id}>
                <strong>{s.type}</strong>
                {[s.provider, s.form, s.frequency, s.duration, s.place]
                  .filter(Boolean)
                  .map((v) => ` · ${v}`)
                  .join('')}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {c.meetings.length > 0 && (
        <Section title={t('plan.meetings.title')}>
          <ul>
            {c.meetings.map((m) => (
              <li key={m.id}>
                {date(m.date)}
                {[m.purpose, m.place]
                  .filter(Boolean)
                  .map((v) => ` · ${v}`)
                  .join('')}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {c.risks.length > 0 && (
        <Section title={t('plan.risks.title')}>
          <ul>
            {c.risks.map((r) => (
              <li key={r.id}>
                {r.risk}
                {r.contingency ? ` – ${t('plan.risks.contingency')}: ${r.contingency}` : ''}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <dl className="details-list">
        {c.rightsAndDuties && (
          <>
            <dt>{t('plan.field.rightsAndDuties')}</dt>
            <dd>{c.rightsAndDuties}</dd>
          </>
        )}
        {c.evaluationMethod && (
          <>
            <dt>{t('plan.field.evaluationMethod')}</dt>
            <dd>{c.evaluationMethod}</dd>
          </>
        )}
      </dl>
      {plan.signatures.length > 0 && (
        <Section title={t('plan.signatures')}>
          <SignatureList signatures={plan.signatures} />
        </Section>
      )}
    </div>
  );
}
