import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffStatus, updateStaffBody } from '../../../areas/staff/staff.contract.ts';
import { ApiError } from '../../api.ts';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { EditFormActions } from './edit-panel.tsx';
import type { PartnerOrganisation, Unit } from './organisation-api.ts';
import { type StaffMember, staffApi } from './staff-api.ts';
import { assignmentBody, assignmentOf, StaffAssignmentFields } from './staff-assignment-fields.tsx';

type Status = StaffMember['status'];

interface Props {
  member: StaffMember;
  units: Unit[];
  partners: PartnerOrganisation[];
  onSaved: (member: StaffMember) => void;
  onCancel: () => void;
  onReload: () => void;
}

export function StaffEditForm({ member, units, partners, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const form = useForm('staff-edit');
  const [displayName, setDisplayName] = useState(member.displayName);
  const [assignment, setAssignment] = useState(() => assignmentOf(member));
  const [status, setStatus] = useState<Status>(member.status);
  const [conflict, setConflict] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(updateStaffBody, {
      displayName,
      ...assignmentBody(assignment),
      status,
      version: member.version,
    });
    if (!body) return;
    void form.submit(async () => {
      try {
        onSaved(await staffApi.update(member.id, body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  const labels = {
    displayName: t('staff.displayName'),
    roles: t('staff.roles'),
    unitId: t('staff.unit'),
    partnerOrganisationId: t('staff.partner'),
    status: t('staff.status'),
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('displayName')}
          label={labels.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
        />
        <StaffAssignmentFields form={form} units={units} partners={partners} value={assignment} onChange={setAssignment} />
        <SelectField
          {...form.field('status')}
          label={labels.status}
          hint={t('staff.statusHint')}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status)}
        >
          {staffStatus.options.map((value) => (
            <option key={value} value={value}>
              {t(`staffStatus.${value}`)}
            </option>
          ))}
        </SelectField>
        <EditFormActions submitting={form.submitting} onCancel={onCancel} />
      </form>
    </>
  );
}
