import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, workApi, type SearchHit } from '../../api.ts';
import { describeError } from '../../ui/validation.ts';
import { PersonForm, type PersonChoice } from './person-form.tsx';

/** Find a registered person (search) or register one, then hand the choice back. */
export function PersonPicker({ onChosen }: { onChosen: (person: PersonChoice) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    setError(null);
    workApi
      .search(query.trim())
      .then((page) => setHits(page.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected')));
  };

  if (registering) return <PersonForm onChosen={onChosen} />;
  return (
    <>
      <form role="search" aria-label={t('picker.searchLabel')} className="search-form" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="picker-q" className="field__label">{t('picker.searchLabel')}</label>
          <input id="picker-q" type="search" className="field__input" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <button type="submit" className="button button--secondary">{t('common.search')}</button>
      </form>
      {error && <p role="alert" className="notice notice--error">{error}</p>}
      <div role="status">
        {hits !== null && (hits.length === 0 ? <p>{t('search.empty')}</p> : (
          <ul className="candidate-list">
            {hits.map((hit) => {
              const name = `${hit.givenName} ${hit.familyName}`;
              return (
                <li key={hit.personId} className="candidate">
                  <p>
                    <strong>{name}</strong>
                    {hit.birthDate ? `, ${t('person.bornOn', { date: hit.birthDate })}` : ''}
                    {hit.caseNumbers.length > 0 ? ` – ${hit.caseNumbers.join(', ')}` : ''}
                  </p>
                  <button type="button" className="button button--primary button--small" aria-label={t('duplicate.useNamed', { name })} onClick={() => onChosen({ id: hit.personId, name })}>
                    {t('duplicate.use')}
                  </button>
                </li>
              );
            })}
          </ul>
        ))}
      </div>
      <button type="button" className="button button--secondary" onClick={() => setRegistering(true)}>
        {t('intake.registerPerson')}
      </button>
    </>
  );
}
