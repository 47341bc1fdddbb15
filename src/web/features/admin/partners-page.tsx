import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContactLines } from '../../ui/contact-lines.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
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
  /** Said beside the row that was edited, or beside the form that added (at the foot of the page): where the eye is. */
  const saved = useSavedMessages();

  const close = () => {
    if (editing) focusLater(`edit-partner-${editing.id}`);
    setEditing(null);
  };

  return (
    <Page title={t('partners.title')}>
      <section aria-labelledby="partners-list" className="panel">
        <h2 id="partners-list">{t('partners.listTitle')}</h2>
        <ListStatus list={list} emptyText={t('partners.empty')} emptyHint={t('partners.emptyHint')} />
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
                      <Link to={`/admin/partners/${partner.id}/agreements`} className="standalone-link">
                        {t('partners.agreementsLink')}
                        <span className="visually-hidden"> {partner.name}</span>
                      </Link>
                      {saved.besideRow(partner.id)}
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
              setEditing(null);
              saved.say(partner.id, t('partners.saved', { name: partner.name }));
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
            saved.say('create', t('partners.created', { name: partner.name }));
          }}
        />
        {saved.besideForm('create')}
      </section>
    </Page>
  );
}
