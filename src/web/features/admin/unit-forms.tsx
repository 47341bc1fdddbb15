import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUnitBody, updateUnitBody } from '../../../areas/organisation/organisation.contract.ts';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { type FormState, useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { EditFormActions } from './edit-panel.tsx';
import { organisationApi, type Unit } from './organisation-api.ts';

interface UnitFieldsProps {
  form: FormState;
  name: string;
  description: string;
  onNameChange: (name: string) => void;
  onDescriptionChange: (description: string) => void;
}

/** Name and description: what adding a unit and editing one both ask. */
function UnitFields({ form, name, description, onNameChange, onDescriptionChange }: UnitFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField {...form.field('name')} label={t('units.name')} value={name} onChange={(e) => onNameChange(e.target.value)} required />
      <TextAreaField
        {...form.field('description')}
        label={t('units.description')}
        value={description}
        onChange={(e) => onDescriptionChange(e.target.value)}
      />
    </>
  );
}

export function CreateUnitForm({ onCreated }: { onCreated: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const form = useForm('unit-new');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createUnitBody, { name, description });
    if (!body) return;
    void form.submit(async () => {
      onCreated(await organisationApi.createUnit(body));
      setName('');
      setDescription('');
    });
  };

  const labels = { name: t('units.name'), description: t('units.description') };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <UnitFields form={form} name={name} description={description} onNameChange={setName} onDescriptionChange={setDescription} />
        <SubmitButton submitting={form.submitting}>{t('units.create')}</SubmitButton>
      </form>
    </>
  );
}

interface EditUnitFormProps {
  unit: Unit;
  onSaved: (unit: Unit) => void;
  onCancel: () => void;
  onReload: () => void;
}

export function EditUnitForm({ unit, onSaved, onCancel, onReload }: EditUnitFormProps) {
  const { t } = useTranslation();
  const form = useForm('unit-edit');
  const [name, setName] = useState(unit.name);
  const [description, setDescription] = useState(unit.description);
  const [active, setActive] = useState(unit.active);
  const [conflict, setConflict] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(updateUnitBody, { name, description, active, version: unit.version });
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(await organisationApi.updateUnit(unit.id, body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  const labels = { name: t('units.name'), description: t('units.description'), active: t('units.active') };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <form noValidate onSubmit={onSubmit} className="form">
        <UnitFields form={form} name={name} description={description} onNameChange={setName} onDescriptionChange={setDescription} />
        <CheckboxField
          {...form.field('active')}
          label={labels.active}
          hint={t('units.activeHint')}
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
        />
        <EditFormActions submitting={form.submitting} onCancel={onCancel} />
      </form>
    </>
  );
}
