import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SetupItem } from '../../../areas/organisation/organisation.contract.ts';
import { formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Skeleton } from '../../ui/skeleton.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { organisationApi } from '../admin/organisation-api.ts';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';

/** Where each item of the checklist is done. */
const pageOf: Record<SetupItem, string> = {
  agency_details: '/admin/agency',
  units: '/admin/units',
  staff: '/admin/staff',
  agreement_templates: '/admin/agreement-templates',
  partner_organisations: '/admin/partners',
  service_directory: '/directory',
  questionnaires: '/admin/questionnaires',
  two_step_verification: '/admin/staff',
};

/** The administrator's checklist: what the agency has set up, and a link to where the rest is done. */
export function SetupChecklistSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const checklist = useLoad(() => organisationApi.setupChecklist(), 'setup-checklist');
  const items = checklist.data?.items;
  return (
    <section aria-labelledby="home-setup" className="panel">
      <h2 id="home-setup">{t('home.setup.title')}</h2>
      <LoadError loaded={checklist} />
      {!items && checklist.loading && <Skeleton lines={5} />}
      {items && (
        <>
          <p>
            {t('home.setup.progress', {
              done: formatNumber(items.filter((i) => i.done).length, locale),
              total: formatNumber(items.length, locale),
            })}
          </p>
          <ul className="checklist">
            {items.map(({ item, done, count }) => (
              <li key={item} className={done ? 'checklist__item checklist__item--done' : 'checklist__item'}>
                <StatusTag kind={done ? 'done' : 'todo'}>{done ? t('home.setup.done') : t('home.setup.toDo')}</StatusTag>
                <div>
                  <Link to={pageOf[item]} className="standalone-link">
                    {t(`home.setup.item.${item}.title`)}
                  </Link>
                  <p>{t(`home.setup.item.${item}.${done ? 'done' : 'toDo'}`, { count, number: formatNumber(count, locale) })}</p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
