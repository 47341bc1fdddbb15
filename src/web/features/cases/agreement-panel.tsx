import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signAgreementBody } from '../../../areas/agreement/agreement.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { useForm } from '../../ui/use-form.ts';
import { caseApi, type ServiceAgreement } from './case-api.ts';
import { SignatureForm, SignatureList } from './signature-form.tsx';

/** Records one signature on an agreement – those the agreement's `may` allows this user; the agency head signs electronically. */
function SignForm({ agreement, onSigned }: { agreement: ServiceAgreement; onSigned: (agreement: ServiceAgreement) => void }) {
  const { t } = useTranslation();
  const signers = agreement.missingSignatures.filter((s) =>
    s === 'agency_head' ? agreement.may.signForAgency : agreement.may.recordSignature,
  );
  if (signers.length === 0) return agreement.missingSignatures.includes('agency_head') ? <p>{t('signature.waitingForHead')}</p> : null;
  return (
    <SignatureForm
      idPrefix={`sign-${agreement.id}`}
      signers={signers}
      electronicSigner="agency_head"
      schema={signAgreementBody}
      version={agreement.version}
      onSubmit={async (body) => onSigned(await caseApi.sign(agreement.id, body))}
    />
  );
}

/** The case's service agreements: generate one, see who has signed, record signatures, print. */
export function AgreementPanel({
  caseId,
  mayCreate,
  agreements,
  onChange,
}: {
  caseId: string;
  /** Whether this user may add an agreement to the case. */
  mayCreate: boolean;
  agreements: ServiceAgreement[];
  onChange: (agreement: ServiceAgreement) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('agreement-new');
  const create = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => onChange(await caseApi.createAgreement(caseId, {})));
  };
  return (
    <>
      {agreements.length === 0 && <p>{t('agreement.none')}</p>}
      {agreements.map((a) => (
        <article key={a.id} className="candidate" aria-labelledby={`agreement-${a.id}`}>
          <h3 id={`agreement-${a.id}`}>{a.title}</h3>
          <p>
            {t(`agreement.status.${a.status}`)} – {t(`languageName.${a.language}`, { defaultValue: a.language })}
          </p>
          <SignatureList signatures={a.signatures} />
          {a.missingSignatures.length > 0 && a.status === 'awaiting_signatures' && (
            <>
              <p>{t('agreement.missing', { signers: a.missingSignatures.map((s) => t(`signature.signerName.${s}`)).join(', ') })}</p>
              <SignForm agreement={a} onSigned={onChange} />
            </>
          )}
          <p>
            <a href={caseApi.documentUrl(a.id)} target="_blank" rel="noopener" className="standalone-link">
              {t('agreement.document')} {t('common.opensInNewTab')}
            </a>
          </p>
        </article>
      ))}
      {mayCreate && (
        <>
          <ErrorSummary form={form} labels={{}} />
          <form onSubmit={create} className="form">
            <SubmitButton submitting={form.submitting} variant="secondary">
              {t('agreement.create')}
            </SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
