import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { nameForms } from '../../../areas/person/person-name.rules.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { ConsentsPanel } from '../consent/consents-panel.tsx';
import { DisclosuresPanel } from '../consent/disclosures-panel.tsx';
import { PersonForm } from '../intake/person-form.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { HistoryPanel } from './history-panel.tsx';
import { LinksPanel } from './links-panel.tsx';
import { personApi } from './people-api.ts';
import { PersonCases } from './person-cases.tsx';
import { PersonDetails } from './person-details.tsx';
import { usePersonNames } from './person-names.ts';
import { AccessLogPanel, RestrictionPanel, SubjectAccessPanel } from './record-rights-panels.tsx';
import { RelationsPanel } from './relations-panel.tsx';
import { useReturnFocus } from './return-focus.ts';

/** The form open on the page: one at a time, as the person form's fields have fixed ids. */
type Task = 'edit' | 'relation' | 'link' | null;

/** /people/:id – a person: the record and editing it, cases, relatives and guardian, linked records, edit history. */
export function PersonPage() {
  const { id = '' } = useParams();
  // Another person (a relative, a linked record) is a new page: no form or message carried over.
  return <PersonView key={id} id={id} />;
}

function PersonView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const loaded = useLoad(() => personApi.get(id), `person:${id}`);
  const person = loaded.data;
  const [task, setTask] = useState<Task>(null);
  const [message, setMessage] = useState<string | null>(null);
  const guardianNames = usePersonNames(person?.guardianPersonId ? [person.guardianPersonId] : []);
  const guardianName = person?.guardianPersonId ? (guardianNames.get(person.guardianPersonId) ?? null) : null;
  const editButton = useReturnFocus<HTMLButtonElement>(task === 'edit');
  const canUpdate = permissions.includes('persons.update');
  const canRegister = permissions.includes('persons.create');
  // In the person's own script and order: a Chinese name family name first (李小红), as the case header writes it.
  const name = person ? nameForms(person).own : '';
  const open = (next: Task) => (shown: boolean) => {
    setTask(shown ? next : null);
    if (shown) setMessage(null);
  };

  return (
    <Page title={person ? name : t('people.titleLoading')}>
      <StatusMessage message={message} />
      {loaded.error && (loaded.error.status === 404 || loaded.error.status === 403) ? (
        <p role="alert" className="notice notice--error">
          {t('people.notAvailable')}
        </p>
      ) : (
        <LoadStatus loaded={loaded} />
      )}
      {person && (
        <>
          <section aria-labelledby="person-details" className="panel">
            <h2 id="person-details">{t('people.details')}</h2>
            {task === 'edit' ? (
              <>
                <PersonForm
                  key={person.version}
                  person={person}
                  onSaved={(saved) => {
                    loaded.set(saved);
                    setTask(null);
                    setMessage(t('intake.personSaved', { name: `${saved.givenName} ${saved.familyName}` }));
                  }}
                  onReload={loaded.reload}
                />
                <button type="button" className="button button--secondary" onClick={() => setTask(null)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <>
                <PersonDetails person={person} guardianName={guardianName} />
                {canUpdate && (
                  <button ref={editButton} type="button" className="button button--secondary" onClick={() => open('edit')(true)}>
                    {t('intake.editPerson', { name })}
                  </button>
                )}
              </>
            )}
          </section>
          <PersonCases person={person} />
          {permissions.includes('life_story.read') && (
            <section aria-labelledby="person-life-story" className="panel">
              <h2 id="person-life-story">{t('people.lifeStory.title')}</h2>
              <p className="field__hint">{t('people.lifeStory.hint')}</p>
              <Link to={`/people/${encodeURIComponent(person.id)}/life-story`} className="standalone-link">
                {t('people.lifeStory.open')}
              </Link>
            </section>
          )}
          <RelationsPanel
            person={person}
            guardianName={guardianName}
            canUpdate={canUpdate}
            canRegister={canRegister}
            adding={task === 'relation'}
            onAdding={open('relation')}
            onMessage={setMessage}
          />
          <LinksPanel person={person} canUpdate={canUpdate} linking={task === 'link'} onLinking={open('link')} onMessage={setMessage} />
          <ConsentsPanel person={person} canWrite={permissions.includes('consents.write')} />
          <DisclosuresPanel personId={person.id} />
          <HistoryPanel personId={person.id} version={person.version} />
          <RestrictionPanel person={person} canUpdate={canUpdate} onChanged={(changed) => loaded.set(changed)} />
          <AccessLogPanel personId={person.id} />
          {permissions.includes('persons.subject_access') && <SubjectAccessPanel person={person} />}
        </>
      )}
    </Page>
  );
}
