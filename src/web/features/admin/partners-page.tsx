import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPartnerOrganisationBody } from '../../../areas/organisation/organisation.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { organisationApi } from './organisation-api.ts';

/** /admin/partners: the directory of partner organisations. */
export function PartnersPage() {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => organisationApi.partners({ cursor }), 'partners');
  const form = useForm('partner-new');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const body = form.check(createPartnerOrganisationBody, { name });
    if (!body) return;
    void form.submit(async () => {
      const created = await organisationApi.createPartner(body);
      list.upsert(created);
      setName('');
      setMessage(t('partners.created', { name: created.name }));
    });
  };

  return (
    <Page title={t('partners.title')}>
      <StatusMessage message={message} />
      <section aria-labelledby="partners-list" className="panel">
        <h2 id="partners-list">{t('partners.listTitle')}</h2>
        <ListStatus list={list} emptyText={t('partners.empty')} />
        {list.items.length > 0 && (
          <ul className="plain-list">
            {list.items.map((partner) => (
              <li key={partner.id}>{partner.name}</li>
            ))}
          </ul>
        )}
        <LoadMore list={list} />
      </section>
      <section aria-labelledby="partners-create" className="panel">
        <h2 id="partners-create">{t('partners.createTitle')}</h2>
        <ErrorSummary form={form} labels={{ name: t('partners.name') }} />
        <form noValidate onSubmit={onSubmit} className="form">
          <TextField {...form.field('name')} label={t('partners.name')} value={name} onChange={(e) => setName(e.target.value)} required />
          <SubmitButton submitting={form.submitting}>{t('partners.create')}</SubmitButton>
        </form>
      </section>
    </Page>
  );
}
