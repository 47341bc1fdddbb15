import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { peopleApi } from './people-api.ts';
import { usePersonNames } from './person-names.ts';
import { displayValue, type FieldChange, fieldLabel, freeTextFields, historyEntries, type ValueContext } from './person-values.ts';

function ChangeRow({ change, ctx }: { change: FieldChange; ctx: ValueContext }) {
  const dir = freeTextFields.has(change.field) ? 'auto' : undefined;
  return (
    <tr>
      <th scope="row">{fieldLabel(change.field, ctx.t)}</th>
      <td dir={dir}>
        <del>{displayValue(change.field, change.before, ctx)}</del>
      </td>
      <td dir={dir}>
        <ins>{displayValue(change.field, change.after, ctx)}</ins>
      </td>
    </tr>
  );
}

/** Every saved version of the record, newest first: who saved it, when, and each field it changed (before → after). */
export function HistoryPanel({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad(() => peopleApi.history(personId), `history:${personId}:${version}`);
  const entries = historyEntries(loaded.data?.items ?? []);
  const guardianIds = entries.flatMap((e) =>
    (e.changes ?? []).filter((c) => c.field === 'guardianPersonId').flatMap((c) => [c.before, c.after]),
  );
  const names = usePersonNames(guardianIds.filter((id): id is string => typeof id === 'string'));
  const ctx: ValueContext = { t, locale, names: new Map([...names].filter((entry): entry is [string, string] => entry[1] !== null)) };
  return (
    <section aria-labelledby="person-history" className="panel plan-diff">
      <h2 id="person-history">{t('people.history.title')}</h2>
      <LoadStatus loaded={loaded} />
      <ul className="plan-diff__list">
        {entries.map((entry) => {
          const headingId = `person-version-${entry.version}`;
          const who = { time: formatDateTime(entry.changedAt, locale), name: entry.changedByName ?? t('people.unknownStaff') };
          return (
            <li key={entry.version}>
              <h3 id={headingId}>{t('people.history.version', { version: entry.version })}</h3>
              <p>{entry.version === 1 ? t('people.history.registeredBy', who) : t('people.history.savedBy', who)}</p>
              {entry.changes === null ? (
                entry.version > 1 && <p>{t('people.history.earlierNotShown')}</p>
              ) : entry.changes.length === 0 ? (
                <p>{t('people.history.noChanges')}</p>
              ) : (
                <table className="plan-diff__fields" aria-labelledby={headingId}>
                  <thead>
                    <tr>
                      <th scope="col">{t('people.history.field')}</th>
                      <th scope="col">{t('people.history.before')}</th>
                      <th scope="col">{t('people.history.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.changes.map((change) => (
                      <ChangeRow key={change.field} change={change} ctx={ctx} />
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
