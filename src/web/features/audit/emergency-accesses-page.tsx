import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { auditApi } from './audit-api.ts';

/** /audit/emergency – every case opened in an emergency (break-the-glass): who, which case, why, when and until when. */
export function EmergencyAccessesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = usePagedList((cursor) => auditApi.emergencyAccesses({ cursor, limit: 50 }), 'emergency-accesses');
  return (
    <Page title={t('audit.emergency.title')}>
      <p>{t('audit.emergency.intro')}</p>
      <ListStatus list={list} emptyText={t('audit.emergency.empty')} emptyHint={t('audit.emergency.emptyHint')} />
      {list.items.length > 0 && (
        <TableWrap label={t('audit.emergency.title')}>
          <table>
            <caption className="visually-hidden">{t('audit.emergency.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.emergency.opened')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.emergency.case')}</th>
                <th scope="col">{t('audit.emergency.reason')}</th>
                <th scope="col">{t('audit.emergency.until')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <time dateTime={item.grantedAt}>{formatDateTime(item.grantedAt, locale)}</time>
                  </td>
                  <td>{item.staffName}</td>
                  <td>{item.caseNumber}</td>
                  <td className="pre-wrap">{item.reason}</td>
                  <td>
                    <time dateTime={item.expiresAt}>{formatDateTime(item.expiresAt, locale)}</time>
                  </td>
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
