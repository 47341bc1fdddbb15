import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { SignaturePad } from './signature-pad.tsx';

type Method = 'drawn' | 'scan' | 'paper' | 'electronic';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * Records one signature on a document (an agreement, a plan): who signs, and how – drawn on the
 * screen, a scan, or on paper with a witness. `electronicSigner` signs electronically instead.
 */
export function SignatureForm<S extends z.ZodType>({
  idPrefix,
  signers,
  electronicSigner,
  schema,
  version,
  onSubmit,
}: {
  idPrefix: string;
  signers: readonly string[];
  electronicSigner?: string;
  schema: S;
  version: number;
  onSubmit: (body: z.output<S>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm(idPrefix);
  const [signer, setSigner] = useState(signers[0] ?? '');
  const [method, setMethod] = useState<Method>('drawn');
  const [image, setImage] = useState<string | null>(null);
  const [witnessName, setWitnessName] = useState('');
  const electronic = signer === electronicSigner;
  const effectiveMethod: Method = electronic ? 'electronic' : method;
  const labels: Record<string, string> = {
    signer: t('signature.signer'),
    method: t('signature.method'),
    signatureImage: t('signature.image'),
    witnessName: t('signature.witnessName'),
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setImage(file ? await readAsDataUrl(file) : null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ((effectiveMethod === 'drawn' || effectiveMethod === 'scan') && !image) {
      form.fail({ signatureImage: t('signature.imageRequired') });
      return;
    }
    const body = form.check(schema, {
      signer,
      method: effectiveMethod,
      signatureImage: effectiveMethod === 'drawn' || effectiveMethod === 'scan' ? image : null,
      witnessName: effectiveMethod === 'paper' ? witnessName : null,
      version,
    });
    if (!body) return;
    void form.submit(() => onSubmit(body));
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={submit} className="form form--wide">
        <SelectField {...form.field('signer')} label={labels.signer!} value={signer} onChange={(e) => setSigner(e.target.value)}>
          {signers.map((s) => (
            <option key={s} value={s}>
              {t(`signature.signerName.${s}`)}
            </option>
          ))}
        </SelectField>
        {electronic ? (
          <p>{t('signature.electronicHint')}</p>
        ) : (
          <>
            <SelectField
              {...form.field('method')}
              label={labels.method!}
              value={method}
              onChange={(e) => {
                setMethod(e.target.value as Method);
                setImage(null);
              }}
            >
              {(['drawn', 'paper', 'scan'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`signature.methodName.${m}`)}
                </option>
              ))}
            </SelectField>
            {method === 'drawn' && <SignaturePad id={form.id('signatureImage')} label={labels.signatureImage!} onChange={setImage} />}
            {method === 'drawn' && form.errors.signatureImage && <p className="field__error">{form.errors.signatureImage}</p>}
            {method === 'scan' && (
              <TextField
                {...form.field('signatureImage')}
                label={t('signature.scan')}
                type="file"
                accept="image/png,image/jpeg"
                onChange={(e) => void onFile(e)}
              />
            )}
            {method === 'paper' && (
              <TextField
                {...form.field('witnessName')}
                label={labels.witnessName!}
                value={witnessName}
                onChange={(e) => setWitnessName(e.target.value)}
              />
            )}
          </>
        )}
        <SubmitButton submitting={form.submitting}>{t('signature.submit')}</SubmitButton>
      </form>
    </>
  );
}

/** Who has signed, how and when (with the witness of a paper signature). */
export function SignatureList({
  signatures,
}: {
  signatures: { signer: string; method: string; witnessName: string | null; signedAt: string }[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (signatures.length === 0) return null;
  return (
    <ul>
      {signatures.map((s) => (
        <li key={`${s.signer}-${s.signedAt}`}>
          {t(`signature.signerName.${s.signer}`)}: {t(`signature.methodName.${s.method}`)}, {formatDateTime(s.signedAt, locale)}
          {s.witnessName ? ` (${t('signature.witnessed', { name: s.witnessName })})` : ''}
        </li>
      ))}
    </ul>
  );
}
