import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guardianRequired } from '../../../areas/agreement/agreement.rules.ts';
import { recordConsentBody } from '../../../areas/consent/consent.contract.ts';
import { todayIsoDate } from '../../format.ts';
import type { LocaleCode } from '../../i18n.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { DocumentLanguageField, firstDocumentLanguage } from '../../ui/document-language-field.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { usePartnerOrganisations } from '../admin/options.ts';
import { organisationApi } from '../admin/organisation-api.ts';
import type { Person } from '../people/people-api.ts';
import { type Consent, consentApi } from './consent-api.ts';
import {
  CONSENT_KIND_RULES,
  categoriesKindMayCover,
  defaultValidTo,
  KINDS,
  METHODS,
  PURPOSES,
  RECIPIENT_KINDS,
} from './consent-options.ts';

type Kind = (typeof KINDS)[number];
type Method = (typeof METHODS)[number];

/**
 * Records a consent as it was given: what it is to, for what, to whom and which information, from
 * when to when, the text the person was shown in the language they read (the agency's form for
 * the kind, which may be adjusted to what was said), and who signed and how. A guardian co-signs
 * for a minor or a person without full legal capacity; their signature may also come later.
 */
export function ConsentForm({ person, onRecorded, onCancel }: { person: Person; onRecorded: (c: Consent) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm('consent');
  const { permissions } = useSignedInSession();
  const partners = usePartnerOrganisations(permissions.includes('partners.read'));
  const today = todayIsoDate();
  const [kind, setKind] = useState<Kind>('disclosure');
  const [purposes, setPurposes] = useState<(typeof PURPOSES)[number][]>([]);
  const [purposeNote, setPurposeNote] = useState('');
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [recipientKinds, setRecipientKinds] = useState<(typeof RECIPIENT_KINDS)[number][]>([]);
  const [recipientPerson, setRecipientPerson] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(defaultValidTo('disclosure', today) ?? '');
  const [untilWithdrawn, setUntilWithdrawn] = useState(false);
  const [language, setLanguage] = useState<LocaleCode>(firstDocumentLanguage(person.languages));
  const [shownText, setShownText] = useState('');
  const [textEdited, setTextEdited] = useState(false);
  const [method, setMethod] = useState<Method>('signed_on_screen');
  const [witnessName, setWitnessName] = useState('');
  const [guardianSigns, setGuardianSigns] = useState(person.guardianPersonId !== null || person.legalCapacity !== 'full');
  const [guardianTouched, setGuardianTouched] = useState(false);
  const [guardianName, setGuardianName] = useState('');
  const [guardianMethod, setGuardianMethod] = useState<Method>('signed_on_screen');
  const [guardianWitness, setGuardianWitness] = useState('');
  const rule = CONSENT_KIND_RULES[kind];
  const coverable = categoriesKindMayCover(kind);

  // A minor by the agency's age limit needs the guardian too, as the agreements do – until the worker says otherwise.
  useEffect(() => {
    if (guardianTouched) return;
    let current = true;
    organisationApi
      .agency()
      .then((agency) => {
        const minor = guardianRequired({
          birthDate: person.birthDate,
          legalCapacity: person.legalCapacity,
          today: new Date(),
          guardianRequiredUnderAge: agency.guardianRequiredUnderAge,
        });
        if (current && minor) setGuardianSigns(true);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [guardianTouched, person.birthDate, person.legalCapacity]);

  // The agency's text for the kind, in the person's language – until the worker has changed it.
  useEffect(() => {
    if (textEdited) return;
    let current = true;
    consentApi
      .forms({ kind, language })
      .then((found) => current && setShownText(found.items[0]?.text ?? ''))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [kind, language, textEdited]);

  const chooseKind = (next: Kind) => {
    setKind(next);
    setCategories((chosen) => chosen.filter((c) => categoriesKindMayCover(next).includes(c as never)));
    const end = defaultValidTo(next, validFrom);
    setUntilWithdrawn(end === null);
    if (end) setValidTo(end);
  };

  const labels: Record<string, string> = {
    kind: t('consent.form.kind'),
    purposes: t('consent.form.purposes'),
    purposeNote: t('consent.form.purposeNote'),
    recipients: t('consent.form.recipients'),
    categories: t('consent.form.categories'),
    validFrom: t('consent.form.validFrom'),
    validTo: t('consent.form.validTo'),
    language: t('consent.form.language'),
    shownText: t('consent.form.shownText'),
    'signatures.0.method': t('consent.form.method'),
    'signatures.0.witnessName': t('consent.form.witnessName'),
    'signatures.1.signerName': t('consent.form.guardianName'),
    'signatures.1.method': t('consent.form.guardianMethod'),
    'signatures.1.witnessName': t('consent.form.guardianWitness'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const recipients = [
      ...organisations.map((organisationId) => ({ kind: 'organisation' as const, organisationId })),
      ...recipientKinds.map((category) => ({ kind: 'category' as const, category })),
      ...(recipientPerson.trim() ? [{ kind: 'person' as const, name: recipientPerson }] : []),
    ];
    const signatures = [
      { signer: 'person' as const, signerName: '', method, witnessName },
      ...(guardianSigns
        ? [{ signer: 'guardian' as const, signerName: guardianName, method: guardianMethod, witnessName: guardianWitness }]
        : []),
    ];
    const body = form.check(recordConsentBody, {
      kind,
      purposes: rule.discloses ? purposes : [],
      purposeNote,
      recipients: rule.discloses || kind === 'relatives_contact' ? recipients : [],
      categories: rule.discloses ? categories : [],
      validFrom,
      validTo: untilWithdrawn ? null : validTo || undefined,
      shownText,
      language,
      signatures,
    });
    if (!body) return;
    void form.submit(async () => onRecorded(await consentApi.record(person.id, body)));
  };

  const methodField = (name: string, value: Method, onChange: (m: Method) => void) => (
    <SelectField {...form.field(name)} label={labels[name] ?? ''} value={value} onChange={(e) => onChange(e.target.value as Method)}>
      {METHODS.map((m) => (
        <option key={m} value={m}>
          {t(`consent.method.${m}`)}
        </option>
      ))}
    </SelectField>
  );

  return (
    <form noValidate onSubmit={onSubmit} className="form panel panel--edit" aria-labelledby="consent-form-title">
      <h3 id="consent-form-title">{t('consent.form.title')}</h3>
      <ErrorSummary form={form} labels={labels} />
      <SelectField {...form.field('kind')} label={labels.kind ?? ''} value={kind} onChange={(e) => chooseKind(e.target.value as Kind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`consent.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      <p className="field__hint">{t(`consent.kindMeaning.${kind}`)}</p>
      {rule.discloses && (
        <>
          <CheckboxGroup
            {...form.field('purposes')}
            label={labels.purposes ?? ''}
            options={PURPOSES.map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))}
            selected={purposes}
            onChange={setPurposes}
          />
          <CheckboxGroup
            {...form.field('categories')}
            label={labels.categories ?? ''}
            hint={kind === 'disclosure' ? t('consent.form.healthApart') : undefined}
            options={coverable.map((c) => ({ value: c, label: t(`consent.category.${c}`) }))}
            selected={categories}
            onChange={setCategories}
          />
        </>
      )}
      {(rule.discloses || kind === 'relatives_contact') && (
        <fieldset className="fieldset">
          <legend className="field__label">{labels.recipients}</legend>
          <p id={form.id('recipients')} className="field__hint">
            {t('consent.form.recipientsHint')}
          </p>
          {form.errors.recipients && <p className="field__error">{form.errors.recipients}</p>}
          {partners.length > 0 && (
            <CheckboxGroup
              id={form.id('organisations')}
              label={t('consent.form.organisations')}
              options={partners.map((p) => ({ value: p.id, label: p.name }))}
              selected={organisations}
              onChange={setOrganisations}
            />
          )}
          <CheckboxGroup
            id={form.id('recipientKinds')}
            label={t('consent.form.recipientKinds')}
            options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`consent.recipientKind.${k}`) }))}
            selected={recipientKinds}
            onChange={setRecipientKinds}
          />
          <TextField
            id={form.id('recipientPerson')}
            label={t('consent.form.recipientPerson')}
            value={recipientPerson}
            onChange={(e) => setRecipientPerson(e.target.value)}
            maxLength={200}
          />
        </fieldset>
      )}
      <TextAreaField
        {...form.field('purposeNote')}
        label={labels.purposeNote ?? ''}
        value={purposeNote}
        onChange={(e) => setPurposeNote(e.target.value)}
        maxLength={1000}
      />
      <TextField
        {...form.field('validFrom')}
        type="date"
        label={labels.validFrom ?? ''}
        value={validFrom}
        onChange={(e) => setValidFrom(e.target.value)}
        required
      />
      {rule.openEnded && (
        <CheckboxField
          id={form.id('untilWithdrawn')}
          label={t('consent.form.untilWithdrawn')}
          checked={untilWithdrawn}
          onChange={(e) => setUntilWithdrawn(e.target.checked)}
        />
      )}
      {!untilWithdrawn && (
        <TextField
          {...form.field('validTo')}
          type="date"
          label={labels.validTo ?? ''}
          hint={t('consent.form.validToHint', { count: rule.defaultMonths })}
          value={validTo}
          onChange={(e) => setValidTo(e.target.value)}
        />
      )}
      <DocumentLanguageField {...form.field('language')} label={labels.language ?? ''} value={language} onChange={setLanguage} />
      <TextAreaField
        {...form.field('shownText')}
        label={labels.shownText ?? ''}
        hint={t('consent.form.shownTextHint')}
        lang={language}
        value={shownText}
        onChange={(e) => {
          setTextEdited(true);
          setShownText(e.target.value);
        }}
        rows={6}
        maxLength={20_000}
        required
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t('consent.form.personSigns')}</legend>
        {methodField('signatures.0.method', method, setMethod)}
        {method === 'paper_with_witness' && (
          <TextField
            {...form.field('signatures.0.witnessName')}
            label={labels['signatures.0.witnessName'] ?? ''}
            value={witnessName}
            onChange={(e) => setWitnessName(e.target.value)}
            required
          />
        )}
      </fieldset>
      <CheckboxField
        id={form.id('guardianSigns')}
        label={t('consent.form.guardianSigns')}
        hint={t('consent.form.guardianSignsHint')}
        checked={guardianSigns}
        onChange={(e) => {
          setGuardianTouched(true);
          setGuardianSigns(e.target.checked);
        }}
      />
      {guardianSigns && (
        <fieldset className="fieldset">
          <legend className="field__label">{t('consent.form.guardianSignature')}</legend>
          <TextField
            {...form.field('signatures.1.signerName')}
            label={labels['signatures.1.signerName'] ?? ''}
            value={guardianName}
            onChange={(e) => setGuardianName(e.target.value)}
            required
          />
          {methodField('signatures.1.method', guardianMethod, setGuardianMethod)}
          {guardianMethod === 'paper_with_witness' && (
            <TextField
              {...form.field('signatures.1.witnessName')}
              label={labels['signatures.1.witnessName'] ?? ''}
              value={guardianWitness}
              onChange={(e) => setGuardianWitness(e.target.value)}
              required
            />
          )}
        </fieldset>
      )}
      <div className="button-row">
        <SubmitButton submitting={form.submitting}>{t('consent.form.submit')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
