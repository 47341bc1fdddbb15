import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createStaffBody } from '../../../areas/staff/staff.contract.ts';
import type { LocaleCode } from '../../i18n.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { newPasswordProblem } from '../../ui/validation.ts';
import { useLocaleOptions } from './options.ts';
import type { PartnerOrganisation, Unit } from './organisation-api.ts';
import { type StaffMember, staffApi } from './staff-api.ts';
import { assignmentBody, noAssignment, StaffAssignmentFields } from './staff-assignment-fields.tsx';

interface Props {
  units: Unit[];
  partners: PartnerOrganisation[];
  onCreated: (member: StaffMember) => void;
}

export function StaffCreateForm({ units, partners, onCreated }: Props) {
  const { t } = useTranslation();
  const form = useForm('staff-new');
  const localeOptions = useLocaleOptions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [assignment, setAssignment] = useState(noAssignment);
  const [locale, setLocale] = useState<LocaleCode>('en');
  const [initialPassword, setInitialPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createStaffBody, {
      email,
      displayName,
      ...assignmentBody(assignment),
      locale,
      initialPassword,
    });
    if (!body) return;
    const problem = newPasswordProblem(initialPassword, t);
    if (problem) return form.fail({ initialPassword: problem });
    void form.submit(async () => {
      onCreated(await staffApi.create(body));
      setEmail('');
      setDisplayName('');
      setAssignment(noAssignment);
      setInitialPassword('');
    });
  };

  const labels = {
    email: t('staff.email'),
    displayName: t('staff.displayName'),
    roles: t('staff.roles'),
    unitId: t('staff.unit'),
    partnerOrganisationId: t('staff.partner'),
    locale: t('staff.locale'),
    initialPassword: t('staff.initialPassword'),
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('email')}
          label={labels.email}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <TextField
          {...form.field('displayName')}
          label={labels.displayName}
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
        />
        <StaffAssignmentFields form={form} units={units} partners={partners} value={assignment} onChange={setAssignment} />
        <SelectField
          {...form.field('locale')}
          label={labels.locale}
          value={locale}
          onChange={(e) => setLocale(e.target.value as LocaleCode)}
        >
          {localeOptions.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field('initialPassword')}
          label={labels.initialPassword}
          hint={t('staff.initialPasswordHint')}
          type="password"
          autoComplete="new-password"
          value={initialPassword}
          onChange={(e) => setInitialPassword(e.target.value)}
          required
        />
        <SubmitButton submitting={form.submitting}>{t('staff.create')}</SubmitButton>
      </form>
    </>
  );
}
