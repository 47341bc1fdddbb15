import { useTranslation } from 'react-i18next';
import type { MfaEnrolment } from './auth-api.ts';

/** The QR code and the secret for manual entry, with short instructions. */
export function MfaEnrolmentDetails({ enrolment }: { enrolment: MfaEnrolment }) {
  const { t } = useTranslation();
  const qrSource = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;
  return (
    <div className="mfa-enrolment">
      <ol className="steps">
        <li>{t('mfa.enrol.stepApp')}</li>
        <li>
          {t('mfa.enrol.stepScan')}
          <img className="mfa-enrolment__qr" src={qrSource} alt={t('mfa.enrol.qrAlt')} width={200} height={200} />
          <p>{t('mfa.enrol.manualEntry')}</p>
          <p className="mfa-enrolment__secret-line">
            <span>{t('mfa.enrol.secretLabel')}</span>
            <code id="mfa-secret" className="mfa-enrolment__secret">
              {enrolment.secret}
            </code>
          </p>
        </li>
        <li>{t('mfa.enrol.stepCode')}</li>
      </ol>
    </div>
  );
}
