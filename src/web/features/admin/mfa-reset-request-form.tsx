import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createMfaResetRequestBody } from '../../../areas/staff/staff.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type MfaResetRequest, mfaResetApi } from './mfa-reset-api.ts';

interface Props {
  member: { id: string; displayName: string; mfaEnabled: boolean };
  onRequested?: (request: MfaResetRequest) => void;
}

/** Asks for a staff member's second factor to be removed; another administrator or the agency head approves it. */
export function MfaResetRequestForm({ member, onRequested }: Props) {
  const { t } = useTranslation();
  const form = useForm(`mfa-reset-${member.id}`);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const body = form.check(createMfaResetRequestBody, { reason });
    if (!body) return;
    void form.submit(async () => {
      const request = await mfaResetApi.request(member.id, body);
      setReason('');
      setDone(t('mfaResets.requested', { name: member.displayName }));
      onRequested?.(request);
    });
  };

  const headingId = `mfa-reset-heading-${member.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mfaResets.requestTitle', { name: member.displayName })}</h3>
      <StatusMessage message={done} />
      {member.mfaEnabled ? (
        <>
          <p>{t('mfaResets.requestIntro', { name: member.displayName })}</p>
          <ErrorSummary form={form} labels={{ reason: t('mfaResets.reason') }} />
          <form noValidate onSubmit={onSubmit} className="form">
            <TextAreaField
              {...form.field('reason')}
              label={t('mfaResets.reason')}
              hint={t('mfaResets.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={1000}
              required
            />
            <SubmitButton submitting={form.submitting} variant="secondary">
              {t('mfaResets.request')}
            </SubmitButton>
          </form>
        </>
      ) : (
        !done && <p>{t('mfaResets.notEnrolled', { name: member.displayName })}</p>
      )}
    </section>
  );
}
