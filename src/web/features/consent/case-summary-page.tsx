import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { createSummaryBody, summaryQuestionBody } from '../../../areas/consent/consent.contract.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { usePartnerOrganisations } from '../admin/options.ts';
import type { CaseRecord } from '../cases/case-api.ts';
import { CaseFrame } from '../cases/case-frame.tsx';
import { consentApi, type Disclosure, type GateAnswer, type SummaryQuestion } from './consent-api.ts';
import { CATEGORIES, LEGAL_BASES, PURPOSES, RECIPIENT_KINDS } from './consent-options.ts';

type Category = (typeof CATEGORIES)[number];

/** /cases/:id/summaries – a case summary for a named recipient, with what the disclosure gate allows shown as it is asked. */
export function CaseSummaryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CaseFrame caseId={id} title={(number) => t('consent.summary.title', { number })}>
      {(record) => <SummaryForm record={record} />}
    </CaseFrame>
  );
}

/** When the gate said no: the reason in words, with the day or moment it names. */
function refusalText(refused: GateAnswer['refused'][number], t: ReturnType<typeof useTranslation>['t'], locale: string): string {
  const on = refused.on ? (refused.on.length > 10 ? formatDateTime(refused.on, locale) : formatDate(refused.on, locale)) : '';
  const kind = refused.consentKind ? t(`consent.kind.${refused.consentKind}`) : '';
  return t(`consent.refusal.${refused.reason}`, { on, kind });
}

function SummaryForm({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { permissions } = useSignedInSession();
  const partners = usePartnerOrganisations(permissions.includes('partners.read'));
  const form = useForm('summary');
  const [to, setTo] = useState<'organisation' | 'person'>('organisation');
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [recipientKinds, setRecipientKinds] = useState<(typeof RECIPIENT_KINDS)[number][]>([]);
  const [purpose, setPurpose] = useState<(typeof PURPOSES)[number]>('service_coordination');
  const [categories, setCategories] = useState<Category[]>(['identity']);
  const [byLaw, setByLaw] = useState(false);
  const [basis, setBasis] = useState<(typeof LEGAL_BASES)[number]>('child_protection_report');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<GateAnswer | null>(null);
  const [given, setGiven] = useState<Disclosure | null>(null);
  const mayUseLaw = permissions.includes('consents.write');

  const recipient =
    to === 'organisation'
      ? organisationId
        ? { kind: 'organisation' as const, organisationId }
        : null
      : name.trim().length >= 2
        ? { kind: 'person' as const, name, categories: recipientKinds }
        : null;
  const question: SummaryQuestion | null =
    recipient && categories.length > 0
      ? { recipient, purpose, categories, ...(byLaw && reason.trim().length >= 5 ? { legalBasis: { basis, reason } } : {}) }
      : null;
  const questionKey = JSON.stringify(question);

  // What the gate would allow, asked again a moment after each change: nothing is given by asking.
  useEffect(() => {
    const asked = JSON.parse(questionKey) as SummaryQuestion | null;
    if (!asked) {
      setAnswer(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      consentApi
        .checkSummary(record.id, asked, controller.signal)
        .then(setAnswer)
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [questionKey, record.id]);

  const labels = {
    recipient: t('consent.summary.recipient'),
    'recipient.organisationId': t('consent.summary.organisation'),
    'recipient.name': t('consent.summary.personName'),
    purpose: t('consent.summary.purpose'),
    categories: t('consent.summary.categories'),
    'legalBasis.basis': t('consent.summary.basis'),
    'legalBasis.reason': t('consent.summary.reason'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const values = {
      recipient: to === 'organisation' ? { kind: 'organisation', organisationId } : { kind: 'person', name, categories: recipientKinds },
      purpose,
      categories,
      ...(byLaw ? { legalBasis: { basis, reason } } : {}),
    };
    if (!form.check(summaryQuestionBody, values, { 'recipient.organisationId': t('consent.summary.chooseOrganisation') })) return;
    const body = form.check(createSummaryBody, values);
    if (!body) return;
    if (answer && answer.grants.length === 0) {
      form.fail({ categories: t('consent.summary.nothingGoes') });
      return;
    }
    void form.submit(async () => setGiven(await consentApi.createSummary(record.id, body)));
  };

  if (given)
    return (
      <section aria-labelledby="summary-given" className="panel">
        <h2 id="summary-given">{t('consent.summary.given')}</h2>
        <Notice kind="success">
          {t('consent.summary.givenTo', { recipient: given.recipientName, date: formatDateTime(given.disclosedAt, locale) })}
        </Notice>
        {given.answer.refused.length > 0 && <p>{t('consent.summary.givenLeftOut')}</p>}
        <a className="standalone-link" href={consentApi.disclosurePrintUrl(given.id)} target="_blank" rel="noopener">
          {t('consent.summary.print')}
        </a>
        <Link className="standalone-link" to={`/people/${encodeURIComponent(record.personId)}#person-disclosures`}>
          {t('consent.summary.allDisclosures')}
        </Link>
        <button type="button" className="button button--secondary" onClick={() => setGiven(null)}>
          {t('consent.summary.another')}
        </button>
      </section>
    );

  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-labelledby="summary-form-title">
      <h2 id="summary-form-title">{t('consent.summary.formTitle')}</h2>
      <p className="field__hint">{t('consent.summary.intro')}</p>
      <ErrorSummary form={form} labels={labels} />
      <fieldset className="fieldset">
        <legend className="field__label">{labels.recipient}</legend>
        <div className="checkbox-list">
          {(['organisation', 'person'] as const).map((kind) => (
            <div className="checkbox" key={kind}>
              <input id={`summary-to-${kind}`} type="radio" name="summary-to" checked={to === kind} onChange={() => setTo(kind)} />
              <label htmlFor={`summary-to-${kind}`}>{t(`consent.summary.to.${kind}`)}</label>
            </div>
          ))}
        </div>
        {to === 'organisation' ? (
          <SelectField
            {...form.field('recipient.organisationId')}
            label={labels['recipient.organisationId']}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">{t('consent.summary.chooseOrganisation')}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <>
            <TextField
              {...form.field('recipient.name')}
              label={labels['recipient.name']}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
            />
            <CheckboxGroup
              id={form.id('recipient.categories')}
              label={t('consent.summary.personKinds')}
              options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`consent.recipientKind.${k}`) }))}
              selected={recipientKinds}
              onChange={setRecipientKinds}
            />
          </>
        )}
      </fieldset>
      <SelectField
        {...form.field('purpose')}
        label={labels.purpose}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value as typeof purpose)}
      >
        {PURPOSES.map((p) => (
          <option key={p} value={p}>
            {t(`consent.purpose.${p}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        {...form.field('categories')}
        label={labels.categories}
        hint={t('consent.summary.categoriesHint')}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`consent.category.${c}`) }))}
        selected={categories}
        onChange={setCategories}
      />
      {mayUseLaw && (
        <>
          <CheckboxField
            id={form.id('byLaw')}
            label={t('consent.summary.byLaw')}
            hint={t('consent.summary.byLawHint')}
            checked={byLaw}
            onChange={(e) => setByLaw(e.target.checked)}
          />
          {byLaw && (
            <>
              <SelectField
                {...form.field('legalBasis.basis')}
                label={labels['legalBasis.basis']}
                value={basis}
                onChange={(e) => setBasis(e.target.value as typeof basis)}
              >
                {LEGAL_BASES.map((b) => (
                  <option key={b} value={b}>
                    {t(`consent.legalBasis.${b}`)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                {...form.field('legalBasis.reason')}
                label={labels['legalBasis.reason']}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={2000}
                required
              />
            </>
          )}
        </>
      )}
      <section aria-labelledby="summary-gate" className="panel" aria-live="polite">
        <h3 id="summary-gate">{t('consent.summary.gateTitle')}</h3>
        {!answer ? (
          <p>{t('consent.summary.gateWaiting')}</p>
        ) : (
          <ul className="plain-list">
            {answer.grants.length === 0 && <li>{t('consent.summary.nothingGoes')}</li>}
            {answer.grants.map((g) => (
              <li key={`grant-${g.category}`}>
                <StatusTag kind="done">{t('consent.summary.goes')}</StatusTag> {t(`consent.category.${g.category}`)} –{' '}
                {g.basis === 'legal' && g.legalBasis
                  ? t('consent.summary.onLaw', { basis: t(`consent.legalBasis.${g.legalBasis}`) })
                  : t('consent.summary.onConsent')}
              </li>
            ))}
            {answer.refused.map((r) => (
              <li key={`refused-${r.category}`}>
                <StatusTag kind="missing">{t('consent.summary.leftOut')}</StatusTag> {t(`consent.category.${r.category}`)} –{' '}
                {refusalText(r, t, locale)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SubmitButton submitting={form.submitting}>{t('consent.summary.give')}</SubmitButton>
    </form>
  );
}
