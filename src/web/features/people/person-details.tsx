import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SummaryList } from '../../ui/card.tsx';
import { useLocale } from '../../ui/locale.ts';
import type { Person } from './people-api.ts';
import { displayBirthDate, displayValue, fieldLabel, freeTextFields, personFields, type ValueContext } from './person-values.ts';

/** Every field of the person's record, formatted for the reader; free text keeps its own script and direction. */
export function PersonDetails({ person, guardianName }: { person: Person; guardianName: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ctx: ValueContext = {
    t,
    locale,
    names: new Map(person.guardianPersonId && guardianName ? [[person.guardianPersonId, guardianName]] : []),
  };
  const value = (field: (typeof personFields)[number]) => {
    if (field === 'birthDate') return displayBirthDate(person.birthDate, person.birthDatePrecision, ctx);
    const text = displayValue(field, person[field], ctx);
    if (field === 'guardianPersonId' && person.guardianPersonId) return <Link to={`/people/${person.guardianPersonId}`}>{text}</Link>;
    return text;
  };
  return (
    <SummaryList
      rows={personFields.map((field) => ({
        id: field,
        key: fieldLabel(field, t),
        value: value(field),
        dir: freeTextFields.has(field) ? 'auto' : undefined,
      }))}
    />
  );
}
