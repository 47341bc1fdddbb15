import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { describeError } from '../../ui/validation.ts';
import type { PersonChoice } from '../intake/person-form.tsx';
import { type SearchHit, workApi } from '../work/work-api.ts';

interface PersonFinderProps {
  /** What the search is for; labels the search box. */
  label: string;
  /** People not to offer (the person whose page this is). */
  exclude?: readonly string[];
  /** The text of the button choosing one hit, and its accessible name, which names the person. */
  chooseText: string;
  chooseLabel: (name: string) => string;
  onChosen: (person: PersonChoice) => void;
  /** Shown because a button asked for it: the search box takes the focus. */
  autoFocus?: boolean;
}

/** Finds a registered person – name in any script, birth date, phone, national ID – and hands the choice back. */
export function PersonFinder({ label, exclude = [], chooseText, chooseLabel, onChosen, autoFocus = false }: PersonFinderProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (query.trim().length < 2) {
      setError(t('people.searchTooShort'));
      return;
    }
    workApi
      .search(query.trim())
      .then((page) => setHits(page.items.filter((hit) => !exclude.includes(hit.personId))))
      .catch((e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected')));
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself; older screen readers do not announce <search> */}
      <form role="search" aria-label={label} className="search-form" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            {label}
          </label>
          <input
            id={inputId}
            type="search"
            // biome-ignore lint/a11y/noAutofocus: only where the finder opens in answer to the user's own action
            autoFocus={autoFocus}
            className="field__input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t('common.search')}
        </button>
      </form>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div role="status">
        {hits !== null &&
          (hits.length === 0 ? (
            <p>{t('search.empty')}</p>
          ) : (
            <ul className="candidate-list">
              {hits.map((hit) => {
                const name = `${hit.givenName} ${hit.familyName}`;
                return (
                  <li key={hit.personId} className="candidate">
                    <p>
                      <strong dir="auto">{name}</strong>
                      {hit.birthDate ? `, ${t('person.bornOn', { date: formatDate(hit.birthDate, locale) })}` : ''}
                      {hit.caseNumbers.length > 0 ? ` – ${hit.caseNumbers.join(', ')}` : ''}
                    </p>
                    <button
                      type="button"
                      className="button button--primary button--small"
                      aria-label={chooseLabel(name)}
                      onClick={() => onChosen({ id: hit.personId, name })}
                    >
                      {chooseText}
                    </button>
                  </li>
                );
              })}
            </ul>
          ))}
      </div>
    </>
  );
}
