import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { uuid } from '../../../core/common.contract.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { type AuditEvent, auditApi } from './audit-api.ts';

const accessQuery = z.object({ personId: uuid });

type Row = AuditEvent & { id: string };

function AccessLogResults({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = usePagedList<Row>(async (cursor) => {
    const page = await auditApi.events({ personId, cursor });
    return { ...page, items: page.items.map((event) => ({ ...event, id: event.seq })) };
  }, personId);

  return (
    <section aria-labelledby="access-results" className="panel">
      <h2 id="access-results">{t('audit.access.resultsTitle')}</h2>
      <ListStatus list={list} emptyText={t('audit.access.empty')} emptyHint={t('audit.access.emptyHint')} />
      {list.items.length > 0 && (
        <TableWrap label={t('audit.access.resultsTitle')}>
          <table>
            <caption className="visually-hidden">{t('audit.access.caption', { personId })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.role')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.record')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.clientIp')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.seq}>
                  <td>
                    <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, locale)}</time>
                  </td>
                  <td>{event.actorName ?? t('audit.unknownActor')}</td>
                  <td>{event.actorRole ? t(`role.${event.actorRole}`, { defaultValue: event.actorRole }) : ''}</td>
                  <td>{t(`auditAction.${event.action}`, { defaultValue: event.action })}</td>
                  <td>{t(`entityType.${event.entityType}`, { defaultValue: event.entityType })}</td>
                  <td>{t(`auditOutcome.${event.outcome}`)}</td>
                  <td>{event.clientIp ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <LoadMore list={list} />
    </section>
  );
}

/** /audit/access: who has read or changed a person's records, and when. */
export function AccessLogPage() {
  const { t } = useTranslation();
  const form = useForm('access');
  const [input, setInput] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    const query = form.check(accessQuery, { personId: input.trim() });
    if (query) setPersonId(query.personId.toLowerCase());
  };

  return (
    <Page title={t('audit.access.title')}>
      <p>{t('audit.access.intro')}</p>
      <ErrorSummary form={form} labels={{ personId: t('audit.access.personId') }} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('personId')}
          label={t('audit.access.personId')}
          hint={t('audit.access.personIdHint')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <SubmitButton submitting={false}>{t('audit.access.submit')}</SubmitButton>
      </form>
      {personId && <AccessLogResults key={personId} personId={personId} />}
    </Page>
  );
}
