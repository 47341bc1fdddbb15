import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactLines } from '../../ui/contact-lines.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { ActionsColumnHeader, EditPanel, EditRowButton, focusLater } from './edit-panel.tsx';
import { organisationApi, type PartnerOrganisation } from './organisation-api.ts';
import { CreatePartnerForm, EditPartnerForm } from './partner-forms.tsx';

/** /admin/partners: the agency's partner organisations – whom to call, what they offer and where; the refer-out directory lists them. */
export function PartnersPage() {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => organisationApi.partners({ cursor }), 'partners');
  const [editing, setEditing] = useState<PartnerOrganisation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** Said beside the form that added it: the form is at the foot of the page, the list's message at its head. */
  const [created, setCreated] = useState<string | null>(null);

  const close = () => {
    if (editing) focusLater(`edit-partner-${editing.id}`);
    setEditing(null);
  };

  return (
    <Page title={t('partners.title')}>
      <StatusMessage message={message} />
      <section aria-labelledby="partners-list" className="panel">
        <h2 id="partners-list">{t('partners.listTitle')}</h2>
        <ListStatus list={list} emptyText={t('partners.empty')} />
        {list.items.length > 0 && (
          <TableWrap label={t('partners.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('partners.name')}</th>
                  <th scope="col">{t('partners.contact')}</th>
                  <th scope="col">{t('partners.services')}</th>
                  <th scope="col">{t('partners.regions')}</th>
                  <ActionsColumnHeader />
                </tr>
              </thead>
              <tbody>
                {list.items.map((partner) => (
                  <tr key={partner.id}>
                    <th scope="row">{partner.name}</th>
                    <td>
                      <ContactLines contact={partner} />
                    </td>
                    <td>{partner.services.join(', ')}</td>
                    <td>{partner.regions.join(', ')}</td>
                    <td>
                      <EditRowButton id={`edit-partner-${partner.id}`} name={partner.name} onClick={() => setEditing(partner)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <LoadMore list={list} />
      </section>
      {editing && (
        <EditPanel key={editing.id} title={t('partners.editTitle', { name: editing.name })}>
          <EditPartnerForm
            partner={editing}
            onSaved={(partner) => {
              list.upsert(partner);
              close();
              setCreated(null);
              setMessage(t('partners.saved', { name: partner.name }));
            }}
            onCancel={close}
            onReload={() => {
              setEditing(null);
              list.reload();
            }}
          />
        </EditPanel>
      )}
      <section aria-labelledby="partners-create" className="panel">
        <h2 id="partners-create">{t('partners.createTitle')}</h2>
        <CreatePartnerForm
          onCreated={(partner) => {
            list.upsert(partner);
            setMessage(null);
            setCreated(t('partners.created', { name: partner.name }));
          }}
        />
        <SavedMessage text={created} />
      </section>
    </Page>
  );
}
