import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type CooperationSections,
  cooperationSection,
  createCooperationBody,
  endCooperationBody,
  type Renewal,
  renewal as renewalKind,
  signCooperationBody,
} from '../../../areas/cooperation/cooperation.contract.ts';
import type { LocaleCode } from '../../../core/common.contract.ts';
import { formatDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card, SummaryList } from '../../ui/card.tsx';
import { DocumentLanguageField } from '../../ui/document-language-field.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { useVersionConflict } from './conflict-notice.tsx';
import { type CooperationAgreement, cooperationApi, cooperationPrintAddress } from './cooperation-api.ts';
import { organisationApi } from './organisation-api.ts';

const stateTag: Record<CooperationAgreement['state'], StatusKind> = {
  draft: 'draft',
  awaiting_signature: 'awaiting',
  not_yet_in_force: 'todo',
  in_force: 'active',
  expiring: 'dueSoon',
  expired: 'ended',
  ended: 'ended',
};

const today = () => new Date().toISOString().slice(0, 10);

/** The eight sections of text, each a text box. */
function SectionFields({
  idPrefix,
  sections,
  onChange,
}: {
  idPrefix: string;
  sections: CooperationSections;
  onChange: (sections: CooperationSections) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {cooperationSection.options.map((s) => (
        <TextAreaField
          key={s}
          id={`${idPrefix}-${s}`}
          label={t(`cooperation.section.${s}`)}
          rows={4}
          value={sections[s]}
          onChange={(e) => onChange({ ...sections, [s]: e.target.value })}
        />
      ))}
    </>
  );
}

/** Changes the text and the term of a draft no one has signed. */
function EditForm({ agreement, onSaved }: { agreement: CooperationAgreement; onSaved: (a: CooperationAgreement) => void }) {
  const { t } = useTranslation();
  const form = useForm(`cooperation-edit-${agreement.id}`);
  const conflict = useVersionConflict();
  const [sections, setSections] = useState(agreement.sections);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(() =>
      conflict.guard(async () => onSaved(await cooperationApi.update(agreement.id, { sections, version: agreement.version }))),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide" aria-labelledby={`cooperation-edit-${agreement.id}-title`}>
      <h3 id={`cooperation-edit-${agreement.id}-title`}>{t('cooperation.editTitle')}</h3>
      <ErrorSummary form={form} labels={{}} />
      {conflict.notice}
      <SectionFields idPrefix={`cooperation-${agreement.id}`} sections={sections} onChange={setSections} />
      <SubmitButton submitting={form.submitting} variant="secondary">
        {t('cooperation.saveText')}
      </SubmitButton>
    </form>
  );
}

/** Records one party's signature. */
function SignForm({ agreement, onSaved }: { agreement: CooperationAgreement; onSaved: (a: CooperationAgreement) => void }) {
  const { t } = useTranslation();
  const form = useForm(`cooperation-sign-${agreement.id}`);
  const conflict = useVersionConflict();
  const open = (['agency', 'partner'] as const).filter((p) => !agreement.signatures.some((s) => s.party === p));
  const [party, setParty] = useState<'agency' | 'partner'>(open[0] ?? 'agency');
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [signedOn, setSignedOn] = useState(today());
  const labels = {
    party: t('cooperation.party'),
    signatoryName: t('cooperation.signatoryName'),
    signatoryTitle: t('cooperation.signatoryTitle'),
    signedOn: t('cooperation.signedOn'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(signCooperationBody, {
      party,
      signatoryName: name,
      signatoryTitle: title,
      signedOn,
      version: agreement.version,
    });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await cooperationApi.sign(agreement.id, body))));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-labelledby={`cooperation-sign-${agreement.id}-title`}>
      <h3 id={`cooperation-sign-${agreement.id}-title`}>{t('cooperation.signTitle')}</h3>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <SelectField
        {...form.field('party')}
        label={labels.party}
        value={party}
        onChange={(e) => setParty(e.target.value as 'agency' | 'partner')}
      >
        {open.map((p) => (
          <option key={p} value={p}>
            {p === 'agency' ? t('cooperation.agency') : agreement.partnerName}
          </option>
        ))}
      </SelectField>
      <TextField {...form.field('signatoryName')} label={labels.signatoryName} value={name} onChange={(e) => setName(e.target.value)} />
      <TextField {...form.field('signatoryTitle')} label={labels.signatoryTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextField
        {...form.field('signedOn')}
        type="date"
        label={labels.signedOn}
        value={signedOn}
        onChange={(e) => setSignedOn(e.target.value)}
      />
      <SubmitButton submitting={form.submitting}>{t('cooperation.recordSignature')}</SubmitButton>
    </form>
  );
}

/** Ends an agreement in force: a party withdrew, or the parties agreed. */
function EndForm({ agreement, onSaved }: { agreement: CooperationAgreement; onSaved: (a: CooperationAgreement) => void }) {
  const { t } = useTranslation();
  const form = useForm(`cooperation-end-${agreement.id}`);
  const conflict = useVersionConflict();
  const [endedOn, setEndedOn] = useState(today());
  const [reason, setReason] = useState('');
  const labels = { endedOn: t('cooperation.endedOn'), reason: t('cooperation.endReason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(endCooperationBody, { endedOn, reason, version: agreement.version });
    if (!body) return;
    void form.submit(() => conflict.guard(async () => onSaved(await cooperationApi.end(agreement.id, body))));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-labelledby={`cooperation-end-${agreement.id}-title`}>
      <h3 id={`cooperation-end-${agreement.id}-title`}>{t('cooperation.endTitle')}</h3>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <TextField
        {...form.field('endedOn')}
        type="date"
        label={labels.endedOn}
        value={endedOn}
        onChange={(e) => setEndedOn(e.target.value)}
      />
      <TextAreaField {...form.field('reason')} label={labels.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
      <SubmitButton submitting={form.submitting} variant="secondary">
        {t('cooperation.end')}
      </SubmitButton>
    </form>
  );
}

function AgreementCard({
  agreement: a,
  onSaved,
}: {
  agreement: CooperationAgreement;
  onSaved: (a: CooperationAgreement, message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const date = (d: string | null) => (d ? formatDate(d, locale) : t('cooperation.noEnd'));
  return (
    <Card headingLevel={3} id={`cooperation-${a.id}`} heading={t('cooperation.cardTitle', { from: formatDate(a.startsOn, locale) })}>
      <p>
        <StatusTag kind={stateTag[a.state]}>{t(`cooperation.state.${a.state}`)}</StatusTag>
      </p>
      <SummaryList
        rows={[
          { id: 'term', key: t('cooperation.term'), value: `${formatDate(a.startsOn, locale)} – ${date(a.endsOn)}` },
          { id: 'renewal', key: t('cooperation.renewal'), value: t(`cooperation.renewalKind.${a.renewal}`) },
          a.renewal === 'yearly' &&
            !!a.runsUntil && { id: 'runs', key: t('cooperation.runsUntil'), value: formatDate(a.runsUntil, locale) },
          {
            id: 'signatures',
            key: t('cooperation.signatures'),
            value: a.signatures.length
              ? a.signatures
                  .map(
                    (s) =>
                      `${s.party === 'agency' ? t('cooperation.agency') : a.partnerName}: ${s.signatoryName}, ${formatDate(s.signedOn, locale)}`,
                  )
                  .join('; ')
              : t('cooperation.unsigned'),
          },
          !!a.endedOn && { id: 'ended', key: t('cooperation.endedOn'), value: `${formatDate(a.endedOn, locale)} – ${a.endReason ?? ''}` },
        ]}
      />
      <p>
        <a href={cooperationPrintAddress(a.id)} target="_blank" rel="noopener" className="standalone-link">
          {t('cooperation.print')}
        </a>
      </p>
      {a.may.edit && <EditForm agreement={a} onSaved={(saved) => onSaved(saved, t('cooperation.saved'))} />}
      {a.may.sign && <SignForm key={a.version} agreement={a} onSaved={(saved) => onSaved(saved, t('cooperation.signed'))} />}
      {a.may.end && <EndForm agreement={a} onSaved={(saved) => onSaved(saved, t('cooperation.ended'))} />}
    </Card>
  );
}

/** Draws up a new agreement from the agency's template in the language chosen. */
function CreateForm({ partnerId, onCreated }: { partnerId: string; onCreated: (a: CooperationAgreement) => void }) {
  const { t } = useTranslation();
  const form = useForm('cooperation-create');
  const [language, setLanguage] = useState<LocaleCode>('en');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const [renewal, setRenewal] = useState<Renewal>('none');
  const labels = {
    language: t('cooperation.language'),
    startsOn: t('cooperation.startsOn'),
    endsOn: t('cooperation.endsOn'),
    renewal: t('cooperation.renewal'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createCooperationBody, { language, startsOn, endsOn: endsOn || null, renewal });
    if (!body) return;
    void form.submit(async () => onCreated(await cooperationApi.create(partnerId, body)));
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <DocumentLanguageField {...form.field('language')} label={labels.language} value={language} onChange={setLanguage} />
        <TextField
          {...form.field('startsOn')}
          type="date"
          label={labels.startsOn}
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
        />
        <TextField
          {...form.field('endsOn')}
          type="date"
          label={labels.endsOn}
          hint={t('cooperation.endsOnHint')}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
        <SelectField
          {...form.field('renewal')}
          label={labels.renewal}
          value={renewal}
          onChange={(e) => setRenewal(e.target.value as Renewal)}
        >
          {renewalKind.options.map((r) => (
            <option key={r} value={r}>
              {t(`cooperation.renewalKind.${r}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton submitting={form.submitting}>{t('cooperation.create')}</SubmitButton>
      </form>
    </>
  );
}

/** The agency's own text new agreements start from, per language. */
function TemplateEditor() {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<LocaleCode>('en');
  const template = useLoad(() => cooperationApi.template(language), `cooperation-template:${language}`);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <DocumentLanguageField id="cooperation-template-language" label={t('cooperation.language')} value={language} onChange={setLanguage} />
      <StatusMessage message={message} />
      <LoadStatus loaded={template} />
      {template.data && (
        <TemplateForm
          key={`${language}:${template.data.version}`}
          language={language}
          sections={template.data.sections}
          version={template.data.version}
          onSaved={(saved) => {
            template.set(saved);
            setMessage(t('cooperation.templateSaved'));
          }}
        />
      )}
    </>
  );
}

function TemplateForm({
  language,
  sections: initial,
  version,
  onSaved,
}: {
  language: LocaleCode;
  sections: CooperationSections;
  version: number | null;
  onSaved: (saved: { language: LocaleCode; sections: CooperationSections; version: number | null }) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('cooperation-template');
  const conflict = useVersionConflict();
  const [sections, setSections] = useState(initial);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(() =>
      conflict.guard(async () => onSaved(await cooperationApi.saveTemplate(language, { sections, ...(version ? { version } : {}) }))),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide">
      <ErrorSummary form={form} labels={{}} />
      {conflict.notice}
      <SectionFields idPrefix="cooperation-template" sections={sections} onChange={setSections} />
      <SubmitButton submitting={form.submitting} variant="secondary">
        {t('cooperation.saveTemplate')}
      </SubmitButton>
    </form>
  );
}

/** /admin/partners/:id/agreements – the cooperation agreements with one partner, and the text new ones start from. */
export function CooperationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const partner = useLoad(
    () => organisationApi.partners({ limit: 100 }).then((r) => r.items.find((p) => p.id === id) ?? null),
    `partner:${id}`,
  );
  const agreements = useLoad(() => cooperationApi.ofPartner(id).then((r) => r.items), `cooperation:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const list = agreements.data ?? [];
  const saved = (a: CooperationAgreement, text: string) => {
    agreements.set(list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [a, ...list]);
    setMessage(text);
  };
  return (
    <Page
      title={partner.data ? t('cooperation.title', { name: partner.data.name }) : t('cooperation.titleLoading')}
      before={<Link to="/admin/partners">{t('cooperation.backToPartners')}</Link>}
    >
      <p>{t('cooperation.intro')}</p>
      <StatusMessage message={message} />
      <section aria-labelledby="cooperation-list" className="panel">
        <h2 id="cooperation-list">{t('cooperation.listTitle')}</h2>
        <LoadStatus loaded={agreements} />
        {agreements.data && list.length === 0 && <p className="empty-state">{t('cooperation.none')}</p>}
        {list.map((a) => (
          <AgreementCard key={a.id} agreement={a} onSaved={saved} />
        ))}
      </section>
      <section aria-labelledby="cooperation-create" className="panel">
        <h2 id="cooperation-create">{t('cooperation.createTitle')}</h2>
        <CreateForm partnerId={id} onCreated={(a) => saved(a, t('cooperation.created'))} />
      </section>
      <section aria-labelledby="cooperation-template-title" className="panel">
        <h2 id="cooperation-template-title">{t('cooperation.templateTitle')}</h2>
        <p>{t('cooperation.templateIntro')}</p>
        <TemplateEditor />
      </section>
    </Page>
  );
}
