import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type StaffMember, staffApi, type TemporaryPassword } from './staff-api.ts';

/** The temporary password, this one time, with a button that copies it. */
function TemporaryPasswordShown({ member, result }: { member: StaffMember; result: TemporaryPassword }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => box.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.temporaryPassword);
      setCopied(t('staff.reset.copied'));
    } catch {
      setCopied(t('staff.reset.copyFailed'));
    }
  };

  return (
    <div ref={box} tabIndex={-1} className="notice notice--success temporary-password">
      <p>{t('staff.reset.done', { name: member.displayName })}</p>
      <p className="temporary-password__line">
        <span>{t('staff.reset.temporaryLabel')}</span>{' '}
        <code id="temporary-password" className="temporary-password__value">
          {result.temporaryPassword}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
          {t('staff.reset.copy')}
        </button>
      </div>
      <StatusMessage message={copied} />
      <p>{t('staff.reset.passOn', { name: member.displayName, expires: formatDateTime(result.expiresAt, locale) })}</p>
    </div>
  );
}

/**
 * Resets a staff member's password: Tillit makes a temporary one, shown here once, that works once
 * and must be replaced at sign-in. Their second factor stays, so the administrator cannot use it
 * to sign in as them.
 */
export function StaffPasswordForm({
  member,
  reset = staffApi.resetPassword,
}: {
  member: StaffMember;
  /** Who resets it: the agency's administrator (the default), or a partner organisation's own. */
  reset?: (id: string) => Promise<TemporaryPassword>;
}) {
  const { t } = useTranslation();
  const form = useForm('staff-password');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<TemporaryPassword | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) {
      setResult(null);
      setConfirming(true);
      return;
    }
    void form.submit(async () => {
      setResult(await reset(member.id));
      setConfirming(false);
    });
  };

  return (
    <section aria-labelledby={`reset-password-${member.id}`}>
      <h3 id={`reset-password-${member.id}`}>{t('staff.resetPasswordTitle')}</h3>
      <p>{t('staff.reset.intro')}</p>
      <ErrorSummary form={form} labels={{}} />
      {result && <TemporaryPasswordShown member={member} result={result} />}
      <form noValidate onSubmit={onSubmit} className="form">
        {confirming && (
          <p ref={question} tabIndex={-1}>
            <strong>{t('staff.reset.confirmQuestion', { name: member.displayName })}</strong>
          </p>
        )}
        <div className="form__actions">
          <SubmitButton submitting={form.submitting} variant={confirming ? 'danger' : 'secondary'}>
            {confirming ? t('staff.reset.confirm') : t('staff.resetPassword')}
          </SubmitButton>
          {confirming && (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
