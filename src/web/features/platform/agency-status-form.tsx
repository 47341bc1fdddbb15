import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useForm } from '../../ui/use-form.ts';
import { ConflictNotice } from '../admin/conflict-notice.tsx';
import { type AgencySummary, platformApi } from './platform-api.ts';

interface Props {
  agency: AgencySummary;
  onSaved: (agency: AgencySummary) => void;
  onCancel: () => void;
  onReload: () => void;
}

/**
 * The confirmation before an agency is switched off (its staff are signed out and cannot sign in)
 * or on again. Sent with the version the list showed, so a change made meanwhile is a conflict.
 */
export function AgencyStatusForm({ agency, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const form = useForm('agency-status');
  const [conflict, setConflict] = useState(false);
  const switchingOff = agency.active;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setConflict(false);
    void form.submit(async () => {
      try {
        onSaved(await platformApi.setActive(agency.id, { active: !agency.active, version: agency.version }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
        throw error;
      }
    });
  };

  return (
    <>
      <ErrorSummary form={form} labels={{}} />
      {conflict && <ConflictNotice onReload={onReload} />}
      <form noValidate onSubmit={onSubmit} className="form">
        {switchingOff ? (
          <>
            <p>{t('agencies.status.offExplained', { count: agency.activeStaff, name: agency.name })}</p>
            <p>{t('agencies.status.offKept')}</p>
          </>
        ) : (
          <p>{t('agencies.status.onExplained', { name: agency.name })}</p>
        )}
        <div className="form__actions">
          <SubmitButton submitting={form.submitting} variant={switchingOff ? 'danger' : 'primary'}>
            {switchingOff ? t('agencies.status.confirmOff') : t('agencies.status.confirmOn')}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
