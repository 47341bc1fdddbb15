import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanContent } from '../../../areas/plan/plan.contract.ts';
import { cancelReason, issueVoucherBody, personWord, voucherCategory } from '../../../areas/voucher/voucher.contract.ts';
import { formatDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card, SummaryList } from '../../ui/card.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { cooperationApi } from '../admin/cooperation-api.ts';
import { organisationApi } from '../admin/organisation-api.ts';
import { directoryApi } from '../directory/directory-api.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { printAddress, type Voucher, voucherApi } from './voucher-api.ts';
import { VoucherStatusTag } from './voucher-status-tag.tsx';

type Category = (typeof voucherCategory.options)[number];
/** The plan in force's services and steps a voucher may be for (none without a plan). */
type PlanItems = Pick<PlanContent, 'services' | 'steps'>;

/** Issues a voucher for one of the plan's services (or steps) to a partner, with what the partner should know. */
function IssueForm({ caseId, plan, onIssued }: { caseId: string; plan: PlanItems; onIssued: (v: Voucher) => void }) {
  const { t } = useTranslation();
  const form = useForm(`voucher-issue-${caseId}`);
  const partners = useLoad(() => organisationApi.partners({ limit: 100 }).then((r) => r.items), 'partners');
  const [planServiceId, setPlanServiceId] = useState('');
  const [stepId, setStepId] = useState('');
  const [partnerOrganisationId, setPartnerId] = useState('');
  /** Whether the chosen partner has a cooperation agreement in force: without one the worker is warned before issuing. */
  const [agreementInForce, setAgreementInForce] = useState<boolean | null>(null);
  const setPartner = (id: string) => {
    setPartnerId(id);
    setAgreementInForce(null);
    if (!id) return;
    void cooperationApi
      .ofPartner(id)
      .then((r) => setAgreementInForce(r.items.some((a) => a.state === 'in_force' || a.state === 'expiring')))
      .catch(() => setAgreementInForce(null));
  };
  const [directoryServiceId, setDirectoryServiceId] = useState<string | null>(null);
  const [serviceName, setServiceName] = useState('');
  const [locationName, setLocationName] = useState('');
  const [sessions, setSessions] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [reason, setReason] = useState('');
  const [forPartner, setForPartner] = useState('');
  const [categories, setCategories] = useState<Category[]>([...voucherCategory.options]);
  const labels = {
    planServiceId: t('voucher.field.planService'),
    stepId: t('voucher.field.step'),
    partnerOrganisationId: t('voucher.field.partner'),
    serviceName: t('voucher.field.serviceName'),
    locationName: t('voucher.field.locationName'),
    sessions: t('voucher.field.sessions'),
    validUntil: t('voucher.field.validUntil'),
    reason: t('voucher.field.reason'),
    forPartner: t('voucher.field.forPartner'),
    categories: t('voucher.field.categories'),
  };

  /** Choosing a service of the plan fills in its name, and its partner where it came from the directory. */
  const choosePlanService = async (id: string) => {
    setPlanServiceId(id);
    const service = plan.services.find((s) => s.id === id);
    if (!service) return;
    setServiceName(service.type);
    setLocationName(service.place);
    setDirectoryServiceId(service.directoryServiceId);
    if (service.directoryServiceId) {
      const found = await directoryApi.search({ q: service.type, limit: 50 }).catch(() => null);
      const match = found?.items.find((d) => d.id === service.directoryServiceId);
      if (match) setPartner(match.organisationId);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(
      issueVoucherBody,
      {
        planServiceId: planServiceId || null,
        stepId: stepId || null,
        partnerOrganisationId,
        directoryServiceId,
        serviceName,
        locationName,
        sessions: sessions ? Number(sessions) : null,
        validUntil: validUntil || null,
        reason,
        forPartner,
        categories,
      },
      { partnerOrganisationId: t('voucher.choosePartner') },
    );
    if (!body) return;
    void form.submit(async () => onIssued(await voucherApi.issue(caseId, body)));
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        {plan.services.length > 0 && (
          <SelectField
            {...form.field('planServiceId')}
            label={labels.planServiceId}
            value={planServiceId}
            onChange={(e) => void choosePlanService(e.target.value)}
          >
            <option value="">{t('voucher.noPlanService')}</option>
            {plan.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.type}
              </option>
            ))}
          </SelectField>
        )}
        {plan.steps.length > 0 && (
          <SelectField
            {...form.field('stepId')}
            label={labels.stepId}
            hint={t('voucher.stepHint')}
            value={stepId}
            onChange={(e) => setStepId(e.target.value)}
          >
            <option value="">{t('voucher.noStep')}</option>
            {plan.steps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.what}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          {...form.field('partnerOrganisationId')}
          label={labels.partnerOrganisationId}
          value={partnerOrganisationId}
          onChange={(e) => setPartner(e.target.value)}
        >
          <option value="">{t('voucher.choosePartner')}</option>
          {(partners.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        {agreementInForce === false && <p className="notice notice--warning">{t('voucher.noAgreement')}</p>}
        <TextField
          {...form.field('serviceName')}
          label={labels.serviceName}
          value={serviceName}
          onChange={(e) => setServiceName(e.target.value)}
        />
        <TextField
          {...form.field('locationName')}
          label={labels.locationName}
          value={locationName}
          onChange={(e) => setLocationName(e.target.value)}
        />
        <TextField
          {...form.field('sessions')}
          label={labels.sessions}
          inputMode="numeric"
          value={sessions}
          onChange={(e) => setSessions(e.target.value.replace(/\D/g, ''))}
        />
        <TextField
          {...form.field('validUntil')}
          type="date"
          label={labels.validUntil}
          hint={t('voucher.validUntilHint')}
          value={validUntil}
          onChange={(e) => setValidUntil(e.target.value)}
        />
        <TextAreaField {...form.field('reason')} label={labels.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
        <TextAreaField
          {...form.field('forPartner')}
          label={labels.forPartner}
          value={forPartner}
          onChange={(e) => setForPartner(e.target.value)}
        />
        <CheckboxGroup
          {...form.field('categories')}
          label={labels.categories}
          hint={t('voucher.categoriesHint')}
          options={voucherCategory.options.map((value) => ({ value, label: t(`voucher.category.${value}`) }))}
          selected={categories}
          onChange={setCategories}
        />
        <SubmitButton submitting={form.submitting}>{t('voucher.issue')}</SubmitButton>
      </form>
    </>
  );
}

/** Withdraws a voucher the partner has not finished with, saying why. */
function CancelForm({ voucher, onSaved }: { voucher: Voucher; onSaved: (v: Voucher) => void }) {
  const { t } = useTranslation();
  const form = useForm(`voucher-cancel-${voucher.id}`);
  const [reason, setReason] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return form.fail({ reason: t('validation.required') });
    void form.submit(async () => onSaved(await voucherApi.cancel(voucher.id, { reason, version: voucher.version })));
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary form={form} labels={{ reason: t('voucher.field.cancelReason') }} />
      <SelectField
        {...form.field('reason')}
        label={t('voucher.field.cancelReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      >
        <option value="">{t('voucher.chooseReason')}</option>
        {cancelReason.options.map((r) => (
          <option key={r} value={r}>
            {t(`voucher.reasonCode.${r}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton submitting={form.submitting} variant="secondary">
        {t('voucher.cancel')}
      </SubmitButton>
    </form>
  );
}

/** The person's own word on the help, kept beside the partner's. */
function PersonWordForm({ voucher, onSaved }: { voucher: Voucher; onSaved: (v: Voucher) => void }) {
  const { t } = useTranslation();
  const form = useForm(`voucher-word-${voucher.id}`);
  const [word, setWord] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!word) return form.fail({ word: t('validation.required') });
    void form.submit(async () =>
      onSaved(
        await voucherApi.personWord(voucher.id, { word: word as (typeof personWord.options)[number], note, version: voucher.version }),
      ),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary form={form} labels={{ word: t('voucher.field.personWord') }} />
      <SelectField
        {...form.field('word')}
        label={t('voucher.field.personWord')}
        hint={t('voucher.personWordHint')}
        value={word}
        onChange={(e) => setWord(e.target.value)}
      >
        <option value="">{t('voucher.chooseWord')}</option>
        {personWord.options.map((w) => (
          <option key={w} value={w}>
            {t(`voucher.word.${w}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        {...form.field('note')}
        label={t('voucher.field.personWordNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <SubmitButton submitting={form.submitting} variant="secondary">
        {t('voucher.recordWord')}
      </SubmitButton>
    </form>
  );
}

function VoucherCard({ voucher: v, onSaved }: { voucher: Voucher; onSaved: (v: Voucher, message: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const date = (d: string | null) => (d ? formatDate(d, locale) : '');
  const [reissuing, setReissuing] = useState(false);
  return (
    <Card headingLevel={3} id={`voucher-${v.id}`} heading={`${v.number} · ${v.serviceName}`}>
      <p>
        <VoucherStatusTag status={v.status} unanswered={v.unanswered} />
      </p>
      <SummaryList
        rows={[
          { id: 'partner', key: t('voucher.field.partner'), value: v.partnerName },
          !v.partnerAgreementInForce && { id: 'agreement', key: t('voucher.agreement'), value: t('voucher.noAgreementShort') },
          !!v.locationName && { id: 'location', key: t('voucher.field.locationName'), value: v.locationName },
          v.sessions !== null && { id: 'sessions', key: t('voucher.field.sessions'), value: String(v.sessions) },
          { id: 'valid', key: t('voucher.field.validUntil'), value: date(v.validUntil) },
          v.status === 'issued' && { id: 'due', key: t('voucher.answerDue'), value: date(v.answerDueOn) },
          !!v.statusReason && {
            id: 'reason',
            key: t('voucher.statusReason'),
            value: t(`voucher.reasonCode.${v.statusReason}`, { defaultValue: v.statusReason }),
          },
          !!v.outcome && { id: 'outcome', key: t('voucher.outcome'), value: v.outcome, dir: 'auto' },
          {
            id: 'given',
            key: t('voucher.given'),
            value: v.categoriesGiven.length
              ? v.categoriesGiven.map((c) => t(`voucher.category.${c}`)).join(', ')
              : t('voucher.nothingGiven'),
          },
          v.withheld.length > 0 && {
            id: 'withheld',
            key: t('voucher.withheld'),
            value: v.withheld
              .map((w) => `${t(`voucher.category.${w.category}`)} (${t(`consent.refusal.${w.reason}`, { defaultValue: w.reason })})`)
              .join(', '),
          },
          v.personWord && {
            id: 'word',
            key: t('voucher.field.personWord'),
            value: `${t(`voucher.word.${v.personWord.word}`)}${v.personWord.note ? ` – ${v.personWord.note}` : ''}`,
          },
        ]}
      />
      {v.visits.length > 0 && (
        <>
          <h4>{t('voucher.visits')}</h4>
          <ul>
            {v.visits.map((visit) => (
              <li key={visit.id}>
                {date(visit.visitedOn)} · {visit.service} · {t('voucher.minutes', { count: visit.durationMinutes })}
                {visit.note ? ` – ${visit.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={printAddress(v.id)} target="_blank" rel="noopener" className="standalone-link">
          {t('voucher.print')}
        </a>
      </p>
      {v.may.cancel && <CancelForm voucher={v} onSaved={(saved) => onSaved(saved, t('voucher.cancelled'))} />}
      {v.may.reissue && (
        <form
          noValidate
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            setReissuing(true);
            void voucherApi
              .reissue(v.id, {})
              .then((saved) => onSaved(saved, t('voucher.reissued', { number: saved.number })))
              .finally(() => setReissuing(false));
          }}
        >
          <SubmitButton submitting={reissuing} variant="secondary">
            {t('voucher.reissue')}
          </SubmitButton>
        </form>
      )}
      {v.may.recordPersonWord && !v.personWord && (
        <PersonWordForm voucher={v} onSaved={(saved) => onSaved(saved, t('voucher.wordRecorded'))} />
      )}
    </Card>
  );
}

/**
 * The referral vouchers of a case, on the plan page: issue one for a service of the plan in force,
 * follow it until the partner returns it, and record the person's own word on the help.
 */
export function VouchersPanel({ caseId, plan, mayWork }: { caseId: string; plan: PlanItems; mayWork: boolean }) {
  const { t } = useTranslation();
  const vouchers = useLoad(() => voucherApi.ofCase(caseId).then((r) => r.items), `vouchers:${caseId}`);
  const [message, setMessage] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const list = vouchers.data ?? [];
  const saved = (v: Voucher, text: string) => {
    vouchers.set(list.some((x) => x.id === v.id) ? list.map((x) => (x.id === v.id ? v : x)) : [v, ...list]);
    setMessage(text);
  };
  return (
    <>
      <StatusMessage message={message} />
      <LoadStatus loaded={vouchers} />
      {vouchers.data && list.length === 0 && <p className="empty-state">{t('voucher.none')}</p>}
      {list.map((v) => (
        <VoucherCard key={v.id} voucher={v} onSaved={saved} />
      ))}
      {mayWork &&
        (issuing ? (
          <>
            <h3>{t('voucher.issueTitle')}</h3>
            <IssueForm
              caseId={caseId}
              plan={plan}
              onIssued={(v) => {
                setIssuing(false);
                saved(v, t('voucher.issued', { number: v.number }));
              }}
            />
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setIssuing(true)}>
            {t('voucher.issueTitle')}
          </button>
        ))}
    </>
  );
}
