import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentSignatureBody, withdrawConsentBody } from '../../../areas/consent/consent.contract.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import type { Person } from '../people/people-api.ts';
import { useReturnFocus } from '../people/return-focus.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type Consent, consentApi } from './consent-api.ts';
import { ConsentForm } from './consent-form.tsx';
import { METHODS } from './consent-options.ts';
import { consentAllows, consentPeriod, STATE_TAG } from './consent-words.ts';

/**
 * The person's consents: those in force first, then the rest (not yet valid, awaiting a signature,
 * expired, withdrawn) – each with what it allows in plain words, worked out by the server at the
 * moment of asking. Staff who record consents record new ones, add a missing guardian's signature
 * and withdraw one at the person's word.
 */
export function ConsentsPanel({ person, canWrite }: { person: Person; canWrite: boolean }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => consentApi.list(person.id), `consents:${person.id}`);
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const recordButton = useReturnFocus<HTMLButtonElement>(recording);
  const items = loaded.data?.items ?? [];
  const inForce = items.filter((c) => c.state === 'in_force');
  const others = items.filter((c) => c.state !== 'in_force');
  const replace = (changed: Consent) => {
    if (!loaded.data) return;
    const rest = loaded.data.items.filter((c) => c.id !== changed.id);
    loaded.set({ items: [changed, ...rest] });
  };
  return (
    <section aria-labelledby="person-consents" className="panel">
      <h2 id="person-consents">{t('consent.title')}</h2>
      <p className="field__hint">{t('consent.hint')}</p>
      <StatusMessage message={message} />
      <LoadStatus loaded={loaded} />
      {loaded.data && items.length === 0 && <p>{t('consent.none')}</p>}
      {inForce.length > 0 && (
        <>
          <h3>{t('consent.inForce')}</h3>
          <ul className="stack-list">
            {inForce.map((c) => (
              <ConsentItem key={c.id} consent={c} onChanged={replace} onMessage={setMessage} />
            ))}
          </ul>
        </>
      )}
      {others.length > 0 && (
        <>
          <h3>{t('consent.notInForce')}</h3>
          <ul className="stack-list">
            {others.map((c) => (
              <ConsentItem key={c.id} consent={c} onChanged={replace} onMessage={setMessage} />
            ))}
          </ul>
        </>
      )}
      {canWrite &&
        (recording ? (
          <ConsentForm
            person={person}
            onRecorded={(recorded) => {
              loaded.set({ items: [recorded, ...items] });
              setRecording(false);
              setMessage(t('consent.recorded', { kind: t(`consent.kind.${recorded.kind}`) }));
            }}
            onCancel={() => setRecording(false)}
          />
        ) : (
          <button
            ref={recordButton}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setMessage(null);
              setRecording(true);
            }}
          >
            {t('consent.record')}
          </button>
        ))}
    </section>
  );
}

function ConsentItem({
  consent,
  onChanged,
  onMessage,
}: {
  consent: Consent;
  onChanged: (consent: Consent) => void;
  onMessage: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [task, setTask] = useState<'withdraw' | 'sign' | null>(null);
  const kind = t(`consent.kind.${consent.kind}`);
  const headingId = `consent-${consent.id}`;
  const missing = consent.requiredSigners.filter((s) => !consent.signatures.some((sig) => sig.signer === s));
  return (
    <li>
      <article aria-labelledby={headingId} className="card">
        <h4 id={headingId}>
          {kind} <StatusTag kind={STATE_TAG[consent.state]}>{t(`consent.state.${consent.state}`)}</StatusTag>
        </h4>
        <p>{consentAllows(consent, t, locale)}</p>
        <p>{consentPeriod(consent, t, locale)}</p>
        <ul className="plain-list">
          {consent.signatures.map((s) => (
            <li key={`${s.signer}-${s.at}`}>
              {t('consent.signedBy', {
                who: s.signer === 'guardian' ? t('consent.signer.guardianNamed', { name: s.signerName }) : t('consent.signer.person'),
                how: t(`consent.method.${s.method}`),
                when: formatDateTime(s.at, locale),
              })}
              {s.witnessName && ` ${t('consent.witnessed', { name: s.witnessName })}`}
            </li>
          ))}
          {missing.map((s) => (
            <li key={s}>{t('consent.signatureMissing', { who: t(`consent.signer.${s}`) })}</li>
          ))}
        </ul>
        {consent.withdrawal && (
          <p>
            {t('consent.withdrawnOn', {
              when: formatDateTime(consent.withdrawal.at, locale),
              who: consent.withdrawal.recordedByName,
              reason: consent.withdrawal.reason,
            })}
          </p>
        )}
        <a className="standalone-link" href={consentApi.printUrl(consent.id)} target="_blank" rel="noopener">
          {t('consent.print', { kind })}
        </a>
        <div className="button-row">
          {consent.may.sign && missing.includes('guardian') && task !== 'sign' && (
            <button type="button" className="button button--secondary" onClick={() => setTask('sign')}>
              {t('consent.addGuardianSignature')}
            </button>
          )}
          {consent.may.withdraw && task !== 'withdraw' && (
            <button type="button" className="button button--secondary" onClick={() => setTask('withdraw')}>
              {t('consent.withdraw', { kind })}
            </button>
          )}
        </div>
        {task === 'withdraw' && (
          <WithdrawForm
            consent={consent}
            onDone={(changed) => {
              setTask(null);
              onChanged(changed);
              onMessage(t('consent.withdrawn', { kind }));
            }}
            onCancel={() => setTask(null)}
          />
        )}
        {task === 'sign' && (
          <GuardianSignatureForm
            consent={consent}
            onDone={(changed) => {
              setTask(null);
              onChanged(changed);
              onMessage(t('consent.guardianSigned', { kind }));
            }}
            onCancel={() => setTask(null)}
          />
        )}
      </article>
    </li>
  );
}

function WithdrawForm({ consent, onDone, onCancel }: { consent: Consent; onDone: (c: Consent) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(`withdraw-${consent.id}`);
  const [reason, setReason] = useState('');
  const labels = { reason: t('consent.withdrawReason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(withdrawConsentBody, { reason });
    if (!body) return;
    void form.submit(async () => onDone(await consentApi.withdraw(consent.id, body)));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form panel panel--edit">
      <ErrorSummary form={form} labels={labels} />
      <p className="field__hint">{t('consent.withdrawHint')}</p>
      <TextAreaField
        {...form.field('reason')}
        label={labels.reason}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        autoFocus
      />
      <div className="button-row">
        <SubmitButton submitting={form.submitting}>{t('consent.withdrawConfirm')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function GuardianSignatureForm({ consent, onDone, onCancel }: { consent: Consent; onDone: (c: Consent) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(`guardian-${consent.id}`);
  const [signerName, setSignerName] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('signed_on_screen');
  const [witnessName, setWitnessName] = useState('');
  const labels = {
    signerName: t('consent.form.guardianName'),
    method: t('consent.form.method'),
    witnessName: t('consent.form.witnessName'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(consentSignatureBody, { signer: 'guardian', signerName, method, witnessName });
    if (!body) return;
    void form.submit(async () => onDone(await consentApi.sign(consent.id, body)));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form panel panel--edit">
      <ErrorSummary form={form} labels={labels} />
      <TextField
        {...form.field('signerName')}
        label={labels.signerName}
        value={signerName}
        onChange={(e) => setSignerName(e.target.value)}
        required
        autoFocus
      />
      <SelectField
        {...form.field('method')}
        label={labels.method}
        value={method}
        onChange={(e) => setMethod(e.target.value as typeof method)}
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`consent.method.${m}`)}
          </option>
        ))}
      </SelectField>
      {method === 'paper_with_witness' && (
        <TextField
          {...form.field('witnessName')}
          label={labels.witnessName}
          value={witnessName}
          onChange={(e) => setWitnessName(e.target.value)}
          required
        />
      )}
      <div className="button-row">
        <SubmitButton submitting={form.submitting}>{t('consent.addGuardianSignature')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
