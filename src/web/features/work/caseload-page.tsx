import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { workApi } from './work-api.ts';

/** /caseload: the cases I am responsible for or on the team of. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = usePagedList((cursor) => workApi.caseload({ cursor }), 'caseload');
  // The case page is casework; a partner's caseload lists what is addressed to them without it.
  const { permissions } = useSignedInSession();
  const opensCases = permissions.includes('casework.read');
  return (
    <Page title={t('caseload.title')}>
      <ListStatus list={list} emptyText={t('caseload.empty')} emptyHint={t('caseload.emptyHint')} />
      {list.items.length > 0 && (
        <TableWrap label={t('caseload.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('case.number')}</th>
                <th scope="col">{t('case.person')}</th>
                <th scope="col">{t('case.stage')}</th>
                <th scope="col">{t('intake.priority')}</th>
                <th scope="col">{t('caseload.role')}</th>
                <th scope="col">{t('case.openedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{opensCases ? <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link> : c.caseNumber}</th>
                  <td>{c.personName}</td>
                  <td>{t(`caseStage.${c.stage}`)}</td>
                  <td>{t(`priority.${c.priority}`, { defaultValue: c.priority })}</td>
                  <td>{c.responsible ? t('caseload.responsible') : t('caseload.team')}</td>
                  <td>{formatDateTime(c.openedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <LoadMore list={list} />
    </Page>
  );
}
