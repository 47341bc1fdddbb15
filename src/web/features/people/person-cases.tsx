import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Skeleton } from '../../ui/skeleton.tsx';
import { type Person, type PersonCase, personApi } from './people-api.ts';

/** The person's cases that the signed-in staff member may open (GET /persons/:id/cases). */
export function PersonCases({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [cases, setCases] = useState<PersonCase[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    setFailed(false);
    personApi
      .cases(person.id)
      .then((found) => current && setCases(found.items))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [person.id]);
  return (
    <section aria-labelledby="person-cases" className="panel">
      <h2 id="person-cases">{t('people.cases.title')}</h2>
      <p className="field__hint">{t('people.cases.hint')}</p>
      {cases === null && !failed && <Skeleton lines={2} />}
      {failed ? (
        <p role="alert" className="notice notice--error">
          {t('people.cases.failed')}
        </p>
      ) : cases === null ? null : cases.length === 0 ? (
        <p>{t('people.cases.none')}</p>
      ) : (
        <ul className="plain-list">
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`} className="standalone-link">
                {t('case.title', { number: c.caseNumber })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
