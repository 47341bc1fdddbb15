import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signAgreementBody } from '../../../contracts/agreement.ts';
import { caseApi, type ServiceAgreement } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { SignaturePad } from './signature-pad.tsx';

type Signer = ServiceAgreement['missingSignatures'][number];
type Method = 'drawn' | 'scan' | 'paper' | 'electronic';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Records one signature on an agreement. */
function SignForm({ agreement, onSigned }: { agreement: ServiceAgreement; onSigned: (agreement: ServiceAgreement) => void }) {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const form = useForm(`sign-${agreement.id}`);
  const signers = agreement.missingSignatures.filter((s) => s !== 'agency_head' || user.roles.includes('agency_head'));
  const [signer, setSigner] = useState<Signer>(signers[0] ?? 'person');
  const [method, setMethod] = useState<Method>('drawn');
  const [image, setImage] = useState<string | null>(null);
  const [witnessName, setWitnessName] = useState('');
  const effectiveMethod: Method = signer === 'agency_head' ? 'electronic' : method;
  const labels: Record<string, string> = {
    signer: t('signature.signer'), method: t('signature.method'), signatureImage: t('signature.image'), witnessName: t('signature.witnessName'),
  };

  if (signers.length === 0) return <p>{t('signature.waitingForHead')}</p>;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setImage(file ? await readAsDataUrl(file) : null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if ((effectiveMethod === 'drawn' || effectiveMethod === 'scan') && !image) {
      form.fail({ signatureImage: t('signature.imageRequired') });
      return;
    }
    const body = form.check(signAgreementBody, {
      signer, method: effectiveMethod,
      signatureImage: effectiveMethod === 'drawn' || effectiveMethod === 'scan' ? image : null,
      witnessName: effectiveMethod === 'paper' ? witnessName : null,
      version: agreement.version,
    });
    if (!body) return;
    void form.submit(async () => onSigned(await caseApi.sign(agreement.id, body)));
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <SelectField {...form.field('signer')} label={labels.signer!} value={signer} onChange={(e) => setSigner(e.target.value as Signer)}>
          {signers.map((s) => <option key={s} value={s}>{t(`signature.signerName.${s}`)}</option>)}
        </SelectField>
        {signer === 'agency_head' ? (
          <p>{t('signature.electronicHint')}</p>
        ) : (
          <>
            <SelectField {...form.field('method')} label={labels.method!} value={method} onChange={(e) => { setMethod(e.target.value as Method); setImage(null); }}>
              {(['drawn', 'paper', 'scan'] as const).map((m) => <option key={m} value={m}>{t(`signature.methodName.${m}`)}</option>)}
            </SelectField>
            {method === 'drawn' && <SignaturePad id={form.id('signatureImage')} label={labels.signatureImage!} onChange={setImage} />}
            {method === 'drawn' && form.errors.signatureImage && <p className="field__error">{form.errors.signatureImage}</p>}
            {method === 'scan' && (
              <TextField {...form.field('signatureImage')} label={t('signature.scan')} type="file" accept="image/png,image/jpeg" onChange={(e) => void onFile(e)} />
            )}
            {method === 'paper' && (
              <TextField {...form.field('witnessName')} label={labels.witnessName!} value={witnessName} onChange={(e) => setWitnessName(e.target.value)} />
            )}
          </>
        )}
        <SubmitButton submitting={form.submitting}>{t('signature.submit')}</SubmitButton>
      </form>
    </>
  );
}

/** The case's service agreements: generate one, see who has signed, record signatures, print. */
export function AgreementPanel({ caseId, agreements, onChange }: { caseId: string; agreements: ServiceAgreement[]; onChange: (agreement: ServiceAgreement) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
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
          <p>{t(`agreement.status.${a.status}`)} – {t(`languageName.${a.language}`, { defaultValue: a.language })}</p>
          {a.signatures.length > 0 && (
            <ul>
              {a.signatures.map((s) => (
                <li key={`${s.signer}-${s.signedAt}`}>
                  {t(`signature.signerName.${s.signer}`)}: {t(`signature.methodName.${s.method}`)}, {formatDateTime(s.signedAt, locale)}
                  {s.witnessName ? ` (${t('signature.witnessed', { name: s.witnessName })})` : ''}
                </li>
              ))}
            </ul>
          )}
          {a.missingSignatures.length > 0 && a.status === 'awaiting_signatures' && (
            <>
              <p>{t('agreement.missing', { signers: a.missingSignatures.map((s) => t(`signature.signerName.${s}`)).join(', ') })}</p>
              <SignForm agreement={a} onSigned={onChange} />
            </>
          )}
          <p>
            <a href={caseApi.documentUrl(a.id)} target="_blank" rel="noopener" className="standalone-link">
              {t('agreement.document')}
              {' '}{t('common.opensInNewTab')}
            </a>
          </p>
        </article>
      ))}
      <ErrorSummary form={form} labels={{}} />
      <form onSubmit={create} className="form">
        <SubmitButton submitting={form.submitting} variant="secondary">{t('agreement.create')}</SubmitButton>
      </form>
    </>
  );
}
