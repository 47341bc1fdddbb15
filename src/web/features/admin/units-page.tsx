import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { ActionsColumnHeader, EditPanel, EditRowButton, focusLater } from './edit-panel.tsx';
import { organisationApi, type Unit } from './organisation-api.ts';
import { CreateUnitForm, EditUnitForm } from './unit-forms.tsx';

/** /admin/units: the agency's units (teams); create, rename, describe, deactivate. */
export function UnitsPage() {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => organisationApi.units({ cursor }), 'units');
  const [editing, setEditing] = useState<Unit | null>(null);
  /** Said beside the row that was edited, or beside the form that added (at the foot of the page): where the eye is. */
  const saved = useSavedMessages();

  const close = () => {
    if (editing) focusLater(`edit-unit-${editing.id}`);
    setEditing(null);
  };
  const reload = () => {
    setEditing(null);
    list.reload();
  };

  return (
    <Page title={t('units.title')}>
      <section aria-labelledby="units-list" className="panel">
        <h2 id="units-list">{t('units.listTitle')}</h2>
        <ListStatus list={list} emptyText={t('units.empty')} emptyHint={t('units.emptyHint')} />
        {list.items.length > 0 && (
          <TableWrap label={t('units.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('units.name')}</th>
                  <th scope="col">{t('units.description')}</th>
                  <th scope="col">{t('units.status')}</th>
                  <ActionsColumnHeader />
                </tr>
              </thead>
              <tbody>
                {list.items.map((unit) => (
                  <tr key={unit.id}>
                    <th scope="row">{unit.name}</th>
                    <td>{unit.description}</td>
                    <td>{unit.active ? t('units.statusActive') : t('units.statusInactive')}</td>
                    <td>
                      <EditRowButton id={`edit-unit-${unit.id}`} name={unit.name} onClick={() => setEditing(unit)} />
                      {saved.besideRow(unit.id)}
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
        <EditPanel key={editing.id} title={t('units.editTitle', { name: editing.name })}>
          <EditUnitForm
            unit={editing}
            onSaved={(unit) => {
              list.upsert(unit);
              setEditing(null);
              saved.say(unit.id, t('units.saved', { name: unit.name }));
            }}
            onCancel={close}
            onReload={reload}
          />
        </EditPanel>
      )}
      <section aria-labelledby="units-create" className="panel">
        <h2 id="units-create">{t('units.createTitle')}</h2>
        <CreateUnitForm
          onCreated={(unit) => {
            list.upsert(unit);
            saved.say('create', t('units.created', { name: unit.name }));
          }}
        />
        {saved.besideForm('create')}
      </section>
    </Page>
  );
}
