import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Skeleton } from '../../ui/skeleton.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { describeError } from '../../ui/validation.ts';
import type { Need } from '../assessment/assessment-api.ts';
import { type PlanDiff, planApi, type ServicePlan } from './plan-api.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';

const listSections = new Set(['themes', 'goals', 'steps', 'services', 'meetings', 'risks']);
const enumCatalogs: Record<string, string> = { level: 'plan.level', responsibleKind: 'plan.responsible', status: 'plan.stepStatus' };

/** One version's changes from the one before it, each item and field with its value before and after. */
function Changes({ diff, names }: { diff: PlanDiff; names: Map<string, string> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fieldName = (section: string, field: string) =>
    listSections.has(section) ? t(`plan.${section}.${field}`, { defaultValue: field }) : t(`plan.field.${field}`, { defaultValue: field });
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '–';
    if (typeof value !== 'string') return JSON.stringify(value);
    if (names.has(value)) return names.get(value)!;
    if (enumCatalogs[field]) return t(`${enumCatalogs[field]}.${value}`, { defaultValue: value });
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, locale) : value;
  };
  return (
    <section aria-labelledby={`changes-${diff.planId}`} className="plan-diff">
      <h3 id={`changes-${diff.planId}`}>
        {t('plan.versions.changesTitle', { version: diff.planVersion, previous: diff.previousVersion ?? '–' })}
      </h3>
      {diff.changeReason && (
        <p>
          <strong>{t('plan.field.changeReason')}:</strong> {diff.changeReason}
        </p>
      )}
      {diff.changes.length === 0 ? (
        <p>{t('plan.versions.noChanges')}</p>
      ) : (
        <ul className="plan-diff__list">
          {diff.changes.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff is read-only; the index tells repeated changes of one item apart
            <li key={`${c.section}-${c.itemId ?? ''}-${i}`}>
              <p>
                <strong>
                  {listSections.has(c.section) ? t(`plan.${c.section}.title`) : t(`plan.field.${c.section}`, { defaultValue: c.section })}
                </strong>
                {' – '}
                {t(`plan.versions.kind.${c.kind}`)}
                {c.label ? `: ${c.label}` : ''}
              </p>
              {c.fields.length > 0 && (
                <table className="plan-diff__fields">
                  <thead>
                    <tr>
                      <th scope="col">{t('plan.versions.field')}</th>
                      <th scope="col">{t('plan.versions.before')}</th>
                      <th scope="col">{t('plan.versions.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.fields.map((f) => (
                      <tr key={f.field}>
                        <th scope="row">{fieldName(c.section, f.field)}</th>
                        <td>
                          <del>{show(f.field, f.before)}</del>
                        </td>
                        <td>
                          <ins>{show(f.field, f.after)}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every version of the plan, newest first, each printable; a later version's changes on request. */
export function VersionsPanel({ plans, needs }: { plans: ServicePlan[]; needs: Need[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState<string | null>(null);
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = new Map<string, string>([
    ...needs.map((n): [string, string] => [n.id, n.description]),
    ...plans.flatMap((p) => [
      ...p.content.goals.map((g): [string, string] => [g.id, g.description]),
      ...p.content.themes.map((th): [string, string] => [th.id, th.title]),
    ]),
  ]);

  const toggle = (plan: ServicePlan) => {
    setError(null);
    if (open === plan.id) {
      setOpen(null);
      return;
    }
    setOpen(plan.id);
    setDiff(null);
    planApi
      .changes(plan.id)
      .then(setDiff)
      .catch((e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected')));
  };

  return (
    <>
      <TableWrap label={t('plan.versions.tableLabel')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('plan.versions.version')}</th>
              <th scope="col">{t('plan.versions.status')}</th>
              <th scope="col">{t('plan.versions.activatedAt')}</th>
              <th scope="col">{t('plan.field.changeReason')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.id}>
                <th scope="row">{t('plan.versions.versionN', { n: p.planVersion })}</th>
                <td>
                  <PlanStatusTag status={p.status} />
                </td>
                <td>{formatDateTime(p.activatedAt, locale)}</td>
                <td>{p.changeReason}</td>
                <td>
                  <div className="button-row">
                    {p.previousId && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={open === p.id}
                        aria-controls={open === p.id ? `plan-diff-${p.id}` : undefined}
                        onClick={() => toggle(p)}
                      >
                        {t('plan.versions.showChanges', { n: p.planVersion })}
                      </button>
                    )}
                    <a href={planApi.documentUrl(p.id)} target="_blank" rel="noopener" className="standalone-link">
                      {t('plan.versions.print', { n: p.planVersion })} {t('common.opensInNewTab')}
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {open && !diff && !error && <Skeleton lines={3} />}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {open && diff && diff.planId === open && (
        <div id={`plan-diff-${open}`}>
          <Changes diff={diff} names={names} />
        </div>
      )}
    </>
  );
}
