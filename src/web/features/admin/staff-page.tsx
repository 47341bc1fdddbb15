import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../session/session-context.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { EditPanel, focusLater } from './edit-panel.tsx';
import { MfaResetRequestForm } from './mfa-reset-request-form.tsx';
import { useOrganisationOptions } from './options.ts';
import { type StaffMember, staffApi } from './staff-api.ts';
import { StaffCreateForm } from './staff-create-form.tsx';
import { StaffEditForm } from './staff-edit-form.tsx';
import { StaffPasswordForm } from './staff-password-form.tsx';
import { StaffTable } from './staff-table.tsx';

function SearchForm({ onSearch }: { onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(q.trim());
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself; older screen readers do not announce <search>
    <form role="search" aria-label={t('staff.searchLabel')} onSubmit={submit} className="search-form">
      <label htmlFor="staff-search">{t('staff.search')}</label>
      <input id="staff-search" type="search" className="field__input" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
      <button type="submit" className="button button--secondary">
        {t('common.search')}
      </button>
    </form>
  );
}

/** /admin/staff: find, add and edit staff accounts; reset a password; ask for a second factor to be reset. */
export function StaffPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const list = usePagedList((cursor) => staffApi.list({ q: query, cursor }), `staff:${query}`);
  const { units, partners } = useOrganisationOptions();
  const { user } = useSignedInSession();
  const [editing, setEditing] = useState<StaffMember | null>(null);
  /** Said beside the row that was edited, or beside the form that added (at the foot of the page): where the eye is. */
  const saved = useSavedMessages();
  const close = () => {
    if (editing) focusLater(`edit-staff-${editing.id}`);
    setEditing(null);
  };

  return (
    <Page title={t('staff.title')}>
      <section aria-labelledby="staff-list" className="panel">
        <h2 id="staff-list">{t('staff.listTitle')}</h2>
        <SearchForm onSearch={setQuery} />
        <ListStatus list={list} emptyText={query ? t('staff.noMatches') : t('staff.empty')} />
        {list.items.length > 0 && (
          <StaffTable members={list.items} units={units} partners={partners} onEdit={setEditing} savedBeside={saved.besideRow} />
        )}
        <LoadMore list={list} />
      </section>
      {editing && (
        <EditPanel key={editing.id} title={t('staff.editTitle', { name: editing.displayName })}>
          <StaffEditForm
            member={editing}
            units={units}
            partners={partners}
            onSaved={(member) => {
              list.upsert(member);
              setEditing(null);
              saved.say(member.id, t('staff.saved', { name: member.displayName }));
            }}
            onCancel={close}
            onReload={() => {
              setEditing(null);
              list.reload();
            }}
          />
          {editing.id !== user.id && (
            <>
              <StaffPasswordForm member={editing} />
              <MfaResetRequestForm member={editing} />
            </>
          )}
        </EditPanel>
      )}
      <section aria-labelledby="staff-create" className="panel">
        <h2 id="staff-create">{t('staff.createTitle')}</h2>
        <StaffCreateForm
          units={units}
          partners={partners}
          onCreated={(member) => {
            list.upsert(member);
            saved.say('create', t('staff.created', { name: member.displayName }));
          }}
        />
        {saved.besideForm('create')}
      </section>
    </Page>
  );
}
