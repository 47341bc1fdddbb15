import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addRelationBody } from '../../../areas/person/person.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type PersonChoice, PersonForm } from '../intake/person-form.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import type { Person } from './people-api.ts';
import { type PersonRelation, peopleApi } from './people-api.ts';
import { PersonFinder } from './person-finder.tsx';
import { useReturnFocus } from './return-focus.ts';

interface AddRelationProps {
  person: Person;
  /** Whether the staff member may register someone new (the agency head may not). */
  canRegister: boolean;
  onAdded: (relation: PersonRelation) => void;
  onCancel: () => void;
}

/** Choose the relative (found by search, or registered now), then say how they are related. */
function AddRelation({ person, canRegister, onAdded, onCancel }: AddRelationProps) {
  const { t } = useTranslation();
  const form = useForm('relation');
  const [chosen, setChosen] = useState<PersonChoice | null>(null);
  const [registering, setRegistering] = useState(false);
  const [relationship, setRelationship] = useState('');
  const [household, setHousehold] = useState(false);
  const labels = {
    relatedPersonId: t('people.relations.person'),
    relationship: t('people.relations.relationship'),
    household: t('people.relations.household'),
  };
  const choose = (choice: PersonChoice) => {
    setRegistering(false);
    setChosen(choice);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const body = form.check(addRelationBody, { relatedPersonId: chosen.id, relationship, household });
    if (!body) return;
    void form.submit(async () => onAdded(await peopleApi.addRelation(person.id, body)));
  };

  const cancel = (
    <button type="button" className="button button--secondary" onClick={onCancel}>
      {t('common.cancel')}
    </button>
  );
  if (!chosen) {
    return (
      <div className="panel panel--edit">
        <h3>{t('people.relations.addTitle')}</h3>
        {registering ? (
          <PersonForm onChosen={choose} />
        ) : (
          <>
            <PersonFinder
              autoFocus
              label={t('people.relations.find')}
              exclude={[person.id]}
              chooseText={t('people.chooseButton')}
              chooseLabel={(name) => t('people.choose', { name })}
              onChosen={choose}
            />
            {canRegister && (
              <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
                {t('people.relations.register')}
              </button>
            )}
          </>
        )}
        {cancel}
      </div>
    );
  }
  return (
    <div className="panel panel--edit">
      <h3>{t('people.relations.addTitle')}</h3>
      <ErrorSummary form={form} labels={labels} />
      <p id={form.id('relatedPersonId')} tabIndex={-1}>
        {t('people.relations.chosen')} <strong dir="auto">{chosen.name}</strong>
      </p>
      <button type="button" className="button button--secondary button--small" onClick={() => setChosen(null)}>
        {t('people.chooseAnother')}
      </button>
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          autoFocus
          {...form.field('relationship')}
          label={labels.relationship}
          hint={t('people.relations.relationshipHint')}
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
          required
        />
        <CheckboxField
          {...form.field('household')}
          label={labels.household}
          checked={household}
          onChange={(e) => setHousehold(e.target.checked)}
        />
        <div className="button-row">
          <SubmitButton submitting={form.submitting}>{t('people.relations.add')}</SubmitButton>
          {cancel}
        </div>
      </form>
    </div>
  );
}

interface RelationsPanelProps {
  person: Person;
  guardianName: string | null;
  canUpdate: boolean;
  canRegister: boolean;
  /** Whether the form for adding a relative is open (one form on the page at a time). */
  adding: boolean;
  onAdding: (adding: boolean) => void;
  onMessage: (message: string) => void;
}

/** The guardian, relatives and household members – each a person record of their own – and adding one. */
export function RelationsPanel({ person, guardianName, canUpdate, canRegister, adding, onAdding, onMessage }: RelationsPanelProps) {
  const { t } = useTranslation();
  const loaded = useLoad(() => peopleApi.relations(person.id), `relations:${person.id}`);
  const relations = loaded.data?.items ?? [];
  const addButton = useReturnFocus<HTMLButtonElement>(adding);
  return (
    <section aria-labelledby="person-relations" className="panel">
      <h2 id="person-relations">{t('people.relations.title')}</h2>
      <dl className="details-list">
        <dt>{t('people.guardian')}</dt>
        <dd>
          {person.guardianPersonId ? (
            <>
              <Link to={`/people/${person.guardianPersonId}`} dir="auto">
                {guardianName ?? t('intake.personLinked')}
              </Link>
              {person.guardianRelationship && <span dir="auto">{` (${person.guardianRelationship})`}</span>}
            </>
          ) : person.legalCapacity === 'full' ? (
            t('people.relations.noGuardianNeeded')
          ) : (
            t('people.relations.noGuardian')
          )}
        </dd>
      </dl>
      <h3>{t('people.relations.listTitle')}</h3>
      <LoadStatus loaded={loaded} />
      {loaded.data && relations.length === 0 && <p>{t('people.relations.none')}</p>}
      {relations.length > 0 && (
        <ul className="plain-list">
          {relations.map((r) => (
            <li key={r.id}>
              <Link to={`/people/${r.relatedPersonId}`} dir="auto">
                {r.relatedPersonName}
              </Link>
              {' – '}
              <span dir="auto">{r.relationship}</span>
              {r.household && `, ${t('people.relations.inHousehold')}`}
            </li>
          ))}
        </ul>
      )}
      {canUpdate &&
        (adding ? (
          <AddRelation
            person={person}
            canRegister={canRegister}
            onCancel={() => onAdding(false)}
            onAdded={(relation) => {
              loaded.set({ items: [...relations, relation] });
              onAdding(false);
              onMessage(t('people.relations.added', { name: relation.relatedPersonName }));
            }}
          />
        ) : (
          <button ref={addButton} type="button" className="button button--secondary" onClick={() => onAdding(true)}>
            {t('people.relations.addTitle')}
          </button>
        ))}
    </section>
  );
}
