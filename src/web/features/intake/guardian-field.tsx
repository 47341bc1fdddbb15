import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SearchHit, workApi } from '../work/work-api.ts';
import type { PersonChoice } from './person-form.tsx';

/** Finds the guardian among registered people (inside the person form, so no nested form). */
export function GuardianField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: PersonChoice | null;
  onChange: (guardian: PersonChoice | null) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const search = () => {
    if (query.trim().length < 2) return;
    workApi
      .search(query.trim())
      .then((page) => setHits(page.items))
      .catch(() => setHits([]));
  };
  if (value) {
    return (
      <div className="field">
        <p>{t('person.guardianChosen', { name: value.name })}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => onChange(null)}>
          {t('person.guardianRemove')}
        </button>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('person.guardianSearch')}
      </label>
      <div className="button-row">
        <input
          id={id}
          type="search"
          className="field__input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
        />
        <button type="button" className="button button--secondary button--small" onClick={search}>
          {t('common.search')}
        </button>
      </div>
      <div role="status">
        {hits !== null &&
          (hits.length === 0 ? (
            <p>{t('search.empty')}</p>
          ) : (
            <ul className="plain-list">
              {hits.map((hit) => {
                const name = `${hit.givenName} ${hit.familyName}`;
                return (
                  <li key={hit.personId}>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onChange({ id: hit.personId, name })}
                    >
                      {t('person.guardianChoose', { name })}
                    </button>
                  </li>
                );
              })}
            </ul>
          ))}
      </div>
    </div>
  );
}
