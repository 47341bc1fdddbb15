import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reassignCaseBody } from '../../../areas/case/case.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type StaffMember, staffApi } from '../admin/staff-api.ts';
import { type CaseRecord, caseApi } from './case-api.ts';

const fields = reassignCaseBody.pick({ responsibleStaffId: true, reason: true });

/** Supervision gives the case another responsible worker, with a reason; offered only where the case's `may.reassign` says so. */
export function ReassignForm({ record, onReassigned }: { record: CaseRecord; onReassigned: (record: CaseRecord, to: string) => void }) {
  const { t } = useTranslation();
  const form = useForm('reassign');
  const conflict = useVersionConflict();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [responsibleStaffId, setResponsibleStaffId] = useState('');
  const [reason, setReason] = useState('');

  // Only the case's unit's staff who may hold a case: the server's own rule for the responsible worker.
  useEffect(() => {
    staffApi
      .list({ unitId: record.unitId, holdsCases: 'true', limit: 100 })
      .then((page) => setStaff(page.items))
      .catch(() => undefined);
  }, [record.unitId]);

  const labels = { responsibleStaffId: t('case.reassignTo'), reason: t('case.reason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(fields, { responsibleStaffId, reason });
    if (!checked) return;
    void form.submit(async () => {
      const updated = await conflict.guard(() => caseApi.reassign(record.id, { ...checked, version: record.version }));
      setResponsibleStaffId('');
      setReason('');
      onReassigned(updated, staff.find((s) => s.id === checked.responsibleStaffId)?.displayName ?? '');
    });
  };
  const others = staff.filter((s) => s.id !== record.responsibleStaffId);
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form">
        <SelectField
          {...form.field('responsibleStaffId')}
          label={labels.responsibleStaffId}
          value={responsibleStaffId}
          onChange={(e) => setResponsibleStaffId(e.target.value)}
          required
        >
          <option value="">{t('common.choose')}</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          {...form.field('reason')}
          label={labels.reason}
          hint={t('case.reasonRequired')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          required
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('case.reassign')}
        </SubmitButton>
      </form>
    </>
  );
}
