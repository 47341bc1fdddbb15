import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { workApi, type Person, type SearchHit } from '../../api.ts';

/** Search pages looked through for the person before giving up (many people with the very same name). */
const MAX_PAGES = 5;

/**
 * The person's cases that the signed-in staff member may open. Search lists them with each person it
 * finds, and searching for the person's full name finds them.
 */
async function visibleCases(person: Person): Promise<SearchHit['cases']> {
  const query = `${person.givenName} ${person.familyName}`.slice(0, 200);
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await workApi.search(query, cursor);
    const hit = result.items.find((h) => h.personId === person.id);
    if (hit) return hit.cases;
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return [];
}

export function PersonCases({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [cases, setCases] = useState<SearchHit['cases'] | null>(null);
  const [failed, setFailed] = useState(false);
  const name = `${person.givenName} ${person.familyName}`;
  useEffect(() => {
    let current = true;
    setFailed(false);
    visibleCases(person)
      .then((found) => current && setCases(found))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person.id, name]);
  return (
    <section aria-labelledby="person-cases" className="panel">
      <h2 id="person-cases">{t('people.cases.title')}</h2>
      <p className="field__hint">{t('people.cases.hint')}</p>
      <p role="status" className="list-status">{cases === null && !failed ? t('common.loading') : ''}</p>
      {failed ? (
        <p role="alert" className="notice notice--error">{t('people.cases.failed')}</p>
      ) : cases === null ? null : cases.length === 0 ? (
        <p>{t('people.cases.none')}</p>
      ) : (
        <ul className="plain-list">
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`} className="standalone-link">{t('case.title', { number: c.caseNumber })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
