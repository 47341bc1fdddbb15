import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type SafetyPlanSection,
  safetyPlanSections,
  signatureMethod,
  signSafetyPlanBody,
  updateSafetyPlanBody,
} from '../../../areas/crisis/crisis.contract.ts';
import { supportedLocales } from '../../../core/common.contract.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { describedBy, FieldMessages, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { ListField } from '../../ui/list-field.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import type { FormState } from '../../ui/use-form.ts';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type CaseSafetyPlan, crisisApi, type SafetyPlan } from './crisis-api.ts';

type Content = SafetyPlan['content'];
type Reachable = Content['helpers'][number];
const textSections = ['warningSigns', 'copingSteps', 'safeSurroundings'] as const;
const reachableSections = ['distractions', 'helpers', 'professionals'] as const;

/** People, places or services, each a name and a phone number. */
function ReachableField({
  form,
  name,
  label,
  hint,
  items,
  onChange,
  lang,
}: {
  form: FormState;
  name: string;
  label: string;
  hint: string;
  items: Reachable[];
  onChange: (items: Reachable[]) => void;
  lang: string;
}) {
  const { t } = useTranslation();
  const { id, error } = form.field(name);
  const update = (index: number, key: keyof Reachable, value: string) =>
    onChange(items.map((item, i) => (i === index ? { ...item, [key]: value } : item)));
  const focusName = (index: number) => window.setTimeout(() => document.getElementById(form.id(`${name}.${index}.name`))?.focus(), 0);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(id, error, hint)}
    >
      <legend className="field__label">{label}</legend>
      <FieldMessages id={id} error={error} hint={hint} />
      {items.length > 0 && (
        <ul className="list-field">
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: controlled inputs addressed by position; focus moves explicitly on removal
            <li key={index} className="list-field__item safety-plan__reachable">
              <TextField
                {...form.field(`${name}.${index}.name`)}
                label={t('safetyPlan.entryName', { n: index + 1 })}
                value={item.name}
                lang={lang}
                maxLength={300}
                onChange={(e) => update(index, 'name', e.target.value)}
              />
              <TextField
                {...form.field(`${name}.${index}.phone`)}
                label={t('safetyPlan.entryPhone', { n: index + 1 })}
                type="tel"
                value={item.phone}
                maxLength={50}
                className="field--short"
                onChange={(e) => update(index, 'phone', e.target.value)}
              />
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onChange(items.filter((_, i) => i !== index));
                  if (items.length > 1) focusName(Math.max(0, index - 1));
                }}
              >
                {t('safetyPlan.removeEntry', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          onChange([...items, { name: '', phone: '' }]);
          focusName(items.length);
        }}
      >
        {t('safetyPlan.addEntry')}
      </button>
    </fieldset>
  );
}

/** The draft written with the person: the plan's language and its seven parts. */
function SafetyPlanForm({ plan, onSaved }: { plan: SafetyPlan; onSaved: (plans: CaseSafetyPlan) => void }) {
  const { t } = useTranslation();
  const form = useForm(`safety-plan-${plan.id}`);
  const conflict = useVersionConflict();
  const [content, setContent] = useState<Content>(plan.content);
  const [language, setLanguage] = useState(plan.language);
  const setSection = <K extends keyof Content>(key: K, value: Content[K]) => setContent((c) => ({ ...c, [key]: value }));
  const labels: Record<string, string> = { language: t('safetyPlan.language') };
  for (const section of safetyPlanSections) labels[`content.${section}`] = t(`safetyPlan.section.${section}`);
  for (const section of textSections)
    content[section].forEach((_, i) => {
      labels[`content.${section}.${i}`] = t('safetyPlan.entryOf', { section: t(`safetyPlan.section.${section}`), n: i + 1 });
    });
  for (const section of reachableSections)
    content[section].forEach((_, i) => {
      labels[`content.${section}.${i}.name`] = t('safetyPlan.entryOf', { section: t(`safetyPlan.section.${section}`), n: i + 1 });
      labels[`content.${section}.${i}.phone`] = t('safetyPlan.entryPhoneOf', { section: t(`safetyPlan.section.${section}`), n: i + 1 });
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(updateSafetyPlanBody, { content, language, version: plan.version });
    if (!checked) return;
    void form.submit(async () => onSaved(await conflict.guard(() => crisisApi.updateSafetyPlan(plan.id, checked))));
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <SelectField
          {...form.field('language')}
          label={labels.language!}
          hint={t('safetyPlan.languageHint')}
          value={language}
          onChange={(e) => setLanguage(e.target.value as typeof language)}
        >
          {supportedLocales.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
        {safetyPlanSections.map((section, index) => {
          const label = `${index + 1}. ${t(`safetyPlan.section.${section}`)}`;
          const hint = t(`safetyPlan.hint.${section}`);
          if (section === 'reasonForLiving')
            return (
              <TextAreaField
                key={section}
                {...form.field(`content.${section}`)}
                label={label}
                hint={hint}
                lang={language}
                value={content.reasonForLiving}
                onChange={(e) => setSection('reasonForLiving', e.target.value)}
              />
            );
          if ((reachableSections as readonly string[]).includes(section)) {
            const key = section as (typeof reachableSections)[number];
            return (
              <ReachableField
                key={section}
                form={form}
                name={`content.${section}`}
                label={label}
                hint={hint}
                items={content[key]}
                lang={language}
                onChange={(items) => setSection(key, items)}
              />
            );
          }
          const key = section as (typeof textSections)[number];
          return (
            <ListField
              key={section}
              form={form}
              name={`content.${section}`}
              label={label}
              hint={hint}
              items={content[key]}
              lang={language}
              maxLength={500}
              onChange={(items) => setSection(key, items)}
              itemLabel={(n) => t('safetyPlan.entryOf', { section: t(`safetyPlan.section.${section}`), n })}
              addLabel={t('safetyPlan.addEntry')}
            />
          );
        })}
        <SubmitButton submitting={form.submitting}>{t('safetyPlan.save')}</SubmitButton>
      </form>
    </>
  );
}

/** What must still be written before the person signs, or that nothing is missing. */
function Missing({ plan }: { plan: SafetyPlan }) {
  const { t } = useTranslation();
  if (plan.missing.length === 0) return <p>{t('safetyPlan.complete')}</p>;
  return (
    <>
      <p>{t('safetyPlan.missingIntro')}</p>
      <ul>
        {plan.missing.map((m) => (
          <li key={`${m.section}-${m.code}`}>
            {t(`safetyPlan.section.${m.section as SafetyPlanSection}`)} – {t(`safetyPlan.missing.${m.code}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Recording that the person signed: the day, and whether on the screen or on the printed page. */
function SignForm({ plan, onSigned }: { plan: SafetyPlan; onSigned: (plans: CaseSafetyPlan) => void }) {
  const { t } = useTranslation();
  const form = useForm(`safety-plan-sign-${plan.id}`);
  const conflict = useVersionConflict();
  const [signedOn, setSignedOn] = useState(todayIsoDate());
  const [method, setMethod] = useState('');
  const labels = { signedOn: t('safetyPlan.signedOn'), method: t('safetyPlan.method') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(signSafetyPlanBody, { signedOn, method, version: plan.version });
    if (!checked) return;
    void form.submit(async () => onSigned(await conflict.guard(() => crisisApi.signSafetyPlan(plan.id, checked))));
  };
  return (
    <>
      <h3 id={`sign-${plan.id}`}>{t('safetyPlan.signTitle')}</h3>
      <Missing plan={plan} />
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form" aria-labelledby={`sign-${plan.id}`}>
        <TextField
          {...form.field('signedOn')}
          label={labels.signedOn}
          type="date"
          max={todayIsoDate()}
          value={signedOn}
          onChange={(e) => setSignedOn(e.target.value)}
          className="field--short"
          required
        />
        <SelectField {...form.field('method')} label={labels.method} value={method} onChange={(e) => setMethod(e.target.value)} required>
          <option value="">{t('common.choose')}</option>
          {signatureMethod.options.map((m) => (
            <option key={m} value={m}>
              {t(`safetyPlan.methods.${m}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton submitting={form.submitting}>{t('safetyPlan.sign')}</SubmitButton>
      </form>
    </>
  );
}

/** A signed version as the person signed it. */
function SafetyPlanView({ plan }: { plan: SafetyPlan }) {
  const { t } = useTranslation();
  return (
    <div lang={plan.language}>
      {safetyPlanSections.map((section, index) => {
        const value = plan.content[section];
        const lines =
          typeof value === 'string'
            ? value
              ? [value]
              : []
            : (value as (string | Reachable)[]).map((v) => (typeof v === 'string' ? v : [v.name, v.phone].filter(Boolean).join(' – ')));
        return (
          <div key={section}>
            <h3 lang={undefined}>
              {index + 1}. {t(`safetyPlan.section.${section}`)}
            </h3>
            {lines.length ? (
              <ul>
                {lines.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a signed plan never changes
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : (
              <p>{t('common.notStated')}</p>
            )}
          </div>
        );
      })}
    </div>
  );
}

function PrintLink({ plan }: { plan: SafetyPlan }) {
  const { t } = useTranslation();
  return (
    <p>
      <a href={crisisApi.documentUrl(plan.id)} target="_blank" rel="noopener" className="standalone-link">
        {plan.status === 'draft' ? t('safetyPlan.printDraft') : t('safetyPlan.print')} {t('common.opensInNewTab')}
      </a>
    </p>
  );
}

/**
 * /cases/:id/safety-plan – the person's safety plan: the version in force, the draft being written
 * with the person in their language (seven parts, after Stanley and Brown), what is still missing,
 * recording the signature, and the printable page.
 */
export function SafetyPlanPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const loaded = useLoad(() => crisisApi.safetyPlan(id), `safety-plan:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const plans = loaded.data;
  const show = (next: CaseSafetyPlan, text: string) => {
    loaded.set(next);
    setMessage(text);
  };
  const start = useForm('safety-plan-start');
  return (
    <CaseFrame caseId={id} title={(number) => t('safetyPlan.pageTitle', { number })}>
      {(record, _reload, { overview }) => (
        <>
          <StatusMessage message={message} />
          <LoadStatus loaded={loaded} />
          {plans && !plans.inForce && !plans.draft && <EmptyState title={t('safetyPlan.none')} hint={t('safetyPlan.noneHint')} />}
          {plans?.draft && (
            <section aria-labelledby="safety-plan-draft" className="panel panel--edit">
              <h2 id="safety-plan-draft" tabIndex={-1}>
                {t('safetyPlan.draftTitle', { version: plans.draft.planVersion })}{' '}
                <StatusTag kind="draft">{t('safetyPlan.status.draft')}</StatusTag>
              </h2>
              {plans.draft.may.change ? (
                <SafetyPlanForm key={plans.draft.version} plan={plans.draft} onSaved={(p) => show(p, t('safetyPlan.saved'))} />
              ) : (
                <SafetyPlanView plan={plans.draft} />
              )}
              <PrintLink plan={plans.draft} />
              {plans.draft.may.sign && (
                <SignForm key={`sign-${plans.draft.version}`} plan={plans.draft} onSigned={(p) => show(p, t('safetyPlan.signed'))} />
              )}
            </section>
          )}
          {plans?.inForce && (
            <section aria-labelledby="safety-plan-in-force" className="panel">
              <h2 id="safety-plan-in-force" tabIndex={-1}>
                {t('safetyPlan.inForceTitle', { version: plans.inForce.planVersion })}{' '}
                <StatusTag kind="signed">{t('safetyPlan.status.signed')}</StatusTag>
              </h2>
              <p>
                {t('safetyPlan.signedValue', {
                  date: formatDate(plans.inForce.signedOn, locale),
                  how: t(`safetyPlan.methods.${plans.inForce.signatureMethod ?? 'on_paper'}`),
                  name: plans.inForce.signedRecordedByName ?? '',
                })}
              </p>
              <PrintLink plan={plans.inForce} />
              <SafetyPlanView plan={plans.inForce} />
            </section>
          )}
          {plans?.may.start && (
            <section aria-labelledby="safety-plan-start" className="panel">
              <h2 id="safety-plan-start">{plans.inForce ? t('safetyPlan.reviseTitle') : t('safetyPlan.startTitle')}</h2>
              <p>{plans.inForce ? t('safetyPlan.reviseHint') : t('safetyPlan.startHint')}</p>
              <ErrorSummary form={start} labels={{}} />
              <form
                noValidate
                className="form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void start.submit(async () =>
                    show(
                      await crisisApi.startSafetyPlan(record.id, overview.openCrisis ? { crisisId: overview.openCrisis.id } : {}),
                      t('safetyPlan.started'),
                    ),
                  );
                }}
              >
                <SubmitButton submitting={start.submitting}>{plans.inForce ? t('safetyPlan.revise') : t('safetyPlan.start')}</SubmitButton>
              </form>
            </section>
          )}
          <p>
            <Link to={`/cases/${encodeURIComponent(record.id)}/crisis`} className="standalone-link">
              {t('safetyPlan.crisisLink')}
            </Link>
          </p>
        </>
      )}
    </CaseFrame>
  );
}
