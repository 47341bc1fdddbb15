import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonFinder } from '../people/person-finder.tsx';
import { type PersonChoice, PersonForm } from './person-form.tsx';

/** Find a registered person (search) or register one, then hand the choice back. */
export function PersonPicker({ onChosen }: { onChosen: (person: PersonChoice) => void }) {
  const { t } = useTranslation();
  const [registering, setRegistering] = useState(false);

  if (registering) return <PersonForm onChosen={onChosen} />;
  return (
    <>
      <PersonFinder
        label={t('picker.searchLabel')}
        chooseText={t('duplicate.use')}
        chooseLabel={(name) => t('duplicate.useNamed', { name })}
        onChosen={onChosen}
      />
      <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
        {t('intake.registerPerson')}
      </button>
    </>
  );
}
