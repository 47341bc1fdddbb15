import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../format.ts';
import { SelectField } from '../../ui/fields.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { type IntakeRequest, type RequestStatus, requestApi } from './intake-api.ts';
import { requestStatuses } from './options.ts';
import { PriorityTag } from './priority-tag.tsx';

/** Who a request is about: the person (linked), or the anonymous label. */
export function requestSubject(request: IntakeRequest, t: TFunction): string {
  if (request.contactName) return request.contactName;
  if (request.personId) return t('intake.personLinked');
  return request.anonymousLabel ? t('intake.anonymousLabel', { label: request.anonymousLabel }) : t('intake.anonymous');
}

/** /intake: the intake queue – urgent first, then oldest. */
export function QueuePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = (requestStatuses as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as RequestStatus)
    : 'open';
  const list = usePagedList((cursor) => requestApi.queue({ status, limit: 50, cursor }), `queue:${status}`);
  const now = Date.now();
  return (
    <Page title={t('intake.queueTitle')}>
      <div className="form">
        <SelectField
          id="queue-status"
          label={t('intake.statusFilter')}
          value={status}
          onChange={(e) => setParams({ status: e.target.value })}
        >
          {requestStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`requestStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ListStatus list={list} emptyText={t('intake.queueEmpty')} emptyHint={t('intake.queueEmptyHint')} />
      {list.items.length > 0 && (
        <TableWrap label={t('intake.queueTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('intake.receiptNumber')}</th>
                <th scope="col">{t('intake.priority')}</th>
                <th scope="col">{t('intake.receivedAt')}</th>
                <th scope="col">{t('intake.deadline')}</th>
                <th scope="col">{t('intake.channel')}</th>
                <th scope="col">{t('intake.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => {
                const overdue = r.status === 'open' && new Date(r.firstResponseDueAt).getTime() < now;
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/intake/${r.id}`}>{r.receiptNumber}</Link>
                    </th>
                    <td>
                      <PriorityTag priority={r.priority} />
                    </td>
                    <td>{formatDateTime(r.receivedAt, locale)}</td>
                    <td className={overdue ? 'overdue' : undefined}>
                      {overdue
                        ? t('intake.overdueAt', { time: formatDateTime(r.firstResponseDueAt, locale) })
                        : formatDateTime(r.firstResponseDueAt, locale)}
                    </td>
                    <td>{t(`channel.${r.channel}`)}</td>
                    <td>{requestSubject(r, t)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <LoadMore list={list} />
    </Page>
  );
}
