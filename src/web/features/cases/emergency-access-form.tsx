import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emergencyAccessBody } from '../../../areas/case/case.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { caseApi } from './case-api.ts';

/**
 * Break-the-glass, offered where a case is not available to the reader: in an emergency they may
 * open it with a reason, for a limited time. Whether the case exists and whether they may is the
 * server's answer; the form says before they send it what follows – the reason is kept, and the
 * case worker and supervision are told at once.
 */
export function EmergencyAccessForm({ caseId, onOpened }: { caseId: string; onOpened: () => void }) {
  const { t } = useTranslation();
  const form = useForm('emergency-access');
  const [reason, setReason] = useState('');
  const labels = { reason: t('case.emergency.reason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(emergencyAccessBody, { reason });
    if (!checked) return;
    void form.submit(async () => {
      await caseApi.openInEmergency(caseId, checked);
      onOpened();
    });
  };
  return (
    <section className="card" aria-labelledby="emergency-access-title">
      <h2 id="emergency-access-title">{t('case.emergency.title')}</h2>
      <p>{t('case.emergency.explain')}</p>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextAreaField
          {...form.field('reason')}
          label={labels.reason}
          hint={t('case.emergency.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          required
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('case.emergency.open')}
        </SubmitButton>
      </form>
    </section>
  );
}
