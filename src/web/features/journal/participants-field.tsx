import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { participant } from '../../../areas/journal/journal.contract.ts';
import type { Body } from '../../api.ts';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Icon } from '../../ui/icon.tsx';
import type { FormState } from '../../ui/use-form.ts';

export type ParticipantInput = Body<typeof participant>;
type OtherKind = 'relative' | 'partner' | 'other';

/**
 * Who takes (or took) part, as a journal entry and a contact name them: the person, staff of the
 * case by a box each, and others – relatives, partners, anyone – by kind and name.
 */
export function ParticipantsField({
  form,
  legend,
  staff,
  participants,
  onChange,
  addLabel,
}: {
  form: FormState;
  legend: string;
  /** The button that adds a row for someone else; "Add someone who took part" by default. */
  addLabel?: string;
  staff: { id: string; name: string }[];
  participants: ParticipantInput[];
  onChange: (participants: ParticipantInput[]) => void;
}) {
  const { t } = useTranslation();
  const others = participants.filter((p) => p.kind !== 'person' && p.kind !== 'staff');
  const setOthers = (next: ParticipantInput[]) =>
    onChange([...participants.filter((p) => p.kind === 'person' || p.kind === 'staff'), ...next]);
  const hasPerson = participants.some((p) => p.kind === 'person');
  const staffIds = participants.filter((p) => p.kind === 'staff').map((p) => p.refId ?? '');
  return (
    <fieldset className="field fieldset">
      <legend className="field__label">{legend}</legend>
      <CheckboxField
        id={form.id('participants')}
        label={t('journal.participant.person')}
        checked={hasPerson}
        onChange={(e) =>
          onChange(
            e.target.checked
              ? [{ kind: 'person', refId: null, name: '' }, ...participants]
              : participants.filter((p) => p.kind !== 'person'),
          )
        }
      />
      {staff.length > 0 && (
        <CheckboxGroup
          id={form.id('participants-staff')}
          label={t('journal.participant.staff')}
          options={staff.map((s) => ({ value: s.id, label: s.name }))}
          selected={staffIds}
          onChange={(ids) =>
            onChange([
              ...participants.filter((p) => p.kind !== 'staff'),
              ...ids.map((id) => ({ kind: 'staff' as const, refId: id, name: staff.find((s) => s.id === id)?.name ?? '' })),
            ])
          }
        />
      )}
      {others.map((other, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by position
        <div className="journal-editor__other" key={i}>
          <SelectField
            id={form.id(`other-${i}-kind`)}
            label={t('journal.participant.kindLabel')}
            value={other.kind}
            onChange={(e) => setOthers(others.map((o, j) => (j === i ? { ...o, kind: e.target.value as OtherKind } : o)))}
          >
            {(['relative', 'partner', 'other'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`journal.participant.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={form.id(`other-${i}-name`)}
            label={t('journal.participant.name')}
            value={other.name ?? ''}
            onChange={(e) => setOthers(others.map((o, j) => (j === i ? { ...o, name: e.target.value } : o)))}
          />
          <button type="button" className="button button--secondary" onClick={() => setOthers(others.filter((_, j) => j !== i))}>
            <Icon icon={Trash2} />
            {t('journal.participant.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setOthers([...others, { kind: 'relative', refId: null, name: '' }])}
      >
        <Icon icon={Plus} />
        {addLabel ?? t('journal.participant.add')}
      </button>
    </fieldset>
  );
}
