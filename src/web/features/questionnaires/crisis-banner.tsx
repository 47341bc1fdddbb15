import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { clearCrisisBody } from '../../../areas/case/case.contract.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { type CaseRecord, caseApi } from '../cases/case-api.ts';

const followUpFields = z.object({ followUp: clearCrisisBody.shape.followUp });

/** Supervision ends the flag once the safety follow-up is done, saying what was done. */
function ClearCrisisForm({ record, onCleared }: { record: CaseRecord; onCleared: (record: CaseRecord) => void }) {
  const { t } = useTranslation();
  const form = useForm('crisis');
  const [followUp, setFollowUp] = useState('');
  const conflict = useVersionConflict();
  const label = t('questionnaires.followUp');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(followUpFields, { followUp });
    if (!checked) return;
    void form.submit(async () =>
      onCleared(await conflict.guard(() => caseApi.clearCrisis(record.id, { followUp: checked.followUp, version: record.version }))),
    );
  };
  return (
    <>
      <ErrorSummary form={form} labels={{ followUp: label }} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextAreaField
          {...form.field('followUp')}
          label={label}
          hint={t('questionnaires.followUpHint')}
          value={followUp}
          onChange={(e) => setFollowUp(e.target.value)}
          maxLength={5000}
          required
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('questionnaires.clearCrisis')}
        </SubmitButton>
      </form>
    </>
  );
}

/** On a case whose answers called for a same-day safety follow-up (PHQ-9 item 9, say). */
export function CrisisBanner({ record, onCleared }: { record: CaseRecord; onCleared: (record: CaseRecord) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [cleared, setCleared] = useState(false);
  if (!record.crisisRaisedAt) return cleared ? <Notice kind="success">{t('questionnaires.crisisCleared')}</Notice> : null;
  return (
    <section aria-labelledby="case-crisis" className="notice notice--error">
      <h2 id="case-crisis">{t('questionnaires.crisisBannerTitle')}</h2>
      <p>{t('questionnaires.crisisBannerBody', { time: formatDateTime(record.crisisRaisedAt, locale) })}</p>
      {record.may.endCrisis && (
        <ClearCrisisForm
          record={record}
          onCleared={(updated) => {
            setCleared(true);
            onCleared(updated);
          }}
        />
      )}
    </section>
  );
}
