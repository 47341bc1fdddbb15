import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { declineReason, notProvidedReason, visitBody } from '../../../areas/voucher/voucher.contract.ts';
import { formatDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card, SummaryList } from '../../ui/card.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type PartnerVoucher, voucherApi } from './voucher-api.ts';
import { VoucherStatusTag } from './voucher-status-tag.tsx';

type Action = PartnerVoucher['actions'][number];

/** One of the partner's answers: a button, with the reason or the outcome it must carry. */
function AnswerForm({ voucher, action, onSaved }: { voucher: PartnerVoucher; action: Action; onSaved: (v: PartnerVoucher) => void }) {
  const { t } = useTranslation();
  const form = useForm(`voucher-${action}`);
  const conflict = useVersionConflict();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const reasons = action === 'decline' ? declineReason.options : action === 'not_provided' ? notProvidedReason.options : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reasons && !reason) return form.fail({ reason: t('validation.required') });
    if (action === 'provided' && !outcome.trim()) return form.fail({ outcome: t('validation.required') });
    void form.submit(() =>
      conflict.guard(async () =>
        onSaved(await voucherApi.answer(voucher.id, { action, reason: reason || null, outcome, note, version: voucher.version })),
      ),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-labelledby={`voucher-${action}-title`}>
      <h3 id={`voucher-${action}-title`}>{t(`partner.actionTitle.${action}`)}</h3>
      <ErrorSummary form={form} labels={{ reason: t('partner.reason'), outcome: t('partner.outcome') }} />
      {conflict.notice}
      {reasons && (
        <SelectField {...form.field('reason')} label={t('partner.reason')} value={reason} onChange={(e) => setReason(e.target.value)}>
          <option value="">{t('voucher.chooseReason')}</option>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {t(`voucher.reasonCode.${r}`)}
            </option>
          ))}
        </SelectField>
      )}
      {action === 'provided' && (
        <TextAreaField
          {...form.field('outcome')}
          label={t('partner.outcome')}
          hint={t('partner.outcomeHint')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
      )}
      {(reasons || action === 'provided') && (
        <TextAreaField {...form.field('note')} label={t('partner.noteForAgency')} value={note} onChange={(e) => setNote(e.target.value)} />
      )}
      <SubmitButton
        submitting={form.submitting}
        variant={action === 'accept' || action === 'provided' || action === 'return' ? 'primary' : 'secondary'}
      >
        {t(`partner.action.${action}`)}
      </SubmitButton>
    </form>
  );
}

/** Seed 004's visit registration form: the date, what was given, how long, and a note for the agency. */
function VisitForm({ voucher, onSaved }: { voucher: PartnerVoucher; onSaved: (v: PartnerVoucher) => void }) {
  const { t } = useTranslation();
  const form = useForm('voucher-visit');
  const conflict = useVersionConflict();
  const [visitedOn, setVisitedOn] = useState('');
  const [service, setService] = useState('');
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const labels = {
    visitedOn: t('partner.visit.visitedOn'),
    service: t('partner.visit.service'),
    durationMinutes: t('partner.visit.duration'),
    note: t('partner.noteForAgency'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(visitBody, {
      visitedOn,
      service,
      durationMinutes: duration ? Number(duration) : undefined,
      note,
      version: voucher.version,
    });
    if (!body) return;
    void form.submit(() =>
      conflict.guard(async () => {
        onSaved(await voucherApi.visit(voucher.id, body));
        setVisitedOn('');
        setService('');
        setDuration('');
        setNote('');
      }),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide" aria-labelledby="voucher-visit-title">
      <h3 id="voucher-visit-title">{t('partner.visit.title')}</h3>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <TextField
        {...form.field('visitedOn')}
        type="date"
        label={labels.visitedOn}
        value={visitedOn}
        onChange={(e) => setVisitedOn(e.target.value)}
      />
      <TextField {...form.field('service')} label={labels.service} value={service} onChange={(e) => setService(e.target.value)} />
      <TextField
        {...form.field('durationMinutes')}
        label={labels.durationMinutes}
        inputMode="numeric"
        value={duration}
        onChange={(e) => setDuration(e.target.value.replace(/\D/g, ''))}
      />
      <TextAreaField {...form.field('note')} label={labels.note} value={note} onChange={(e) => setNote(e.target.value)} />
      <SubmitButton submitting={form.submitting}>{t('partner.visit.save')}</SubmitButton>
    </form>
  );
}

/** /partner/vouchers/:id – one voucher as the partner sees it: what the gate allows of the person, the answers open to them, and the visits. */
export function PartnerVoucherPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const voucher = useLoad(() => voucherApi.forPartner(id), `partner-voucher:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const v = voucher.data;
  const date = (d: string | null) => (d ? formatDate(d, locale) : '');
  const saved = (next: PartnerVoucher, text: string) => {
    voucher.set(next);
    setMessage(text);
  };
  return (
    <Page
      title={v ? t('partner.voucherTitle', { number: v.number }) : t('partner.voucherTitleLoading')}
      before={<Link to="/partner">{t('partner.backToInbox')}</Link>}
    >
      <StatusMessage message={message} />
      <LoadStatus loaded={voucher} />
      {v && (
        <>
          <Card heading={v.serviceName}>
            <p>
              <VoucherStatusTag status={v.status} />
            </p>
            <SummaryList
              rows={[
                { id: 'from', key: t('partner.from'), value: v.agencyName },
                { id: 'person', key: t('partner.person'), value: v.person ? v.person.name : t('partner.personNotDisclosed'), dir: 'auto' },
                !!v.person?.birthDate && { id: 'born', key: t('partner.born'), value: date(v.person.birthDate) },
                !!v.person?.phone && { id: 'phone', key: t('partner.phone'), value: v.person.phone },
                !!v.locationName && { id: 'where', key: t('voucher.field.locationName'), value: v.locationName },
                v.sessions !== null && { id: 'sessions', key: t('voucher.field.sessions'), value: String(v.sessions) },
                (!!v.periodFrom || !!v.periodTo) && {
                  id: 'period',
                  key: t('partner.period'),
                  value: `${date(v.periodFrom)} – ${date(v.periodTo)}`,
                },
                { id: 'valid', key: t('voucher.field.validUntil'), value: date(v.validUntil) },
                v.reason !== null && !!v.reason && { id: 'reason', key: t('voucher.field.reason'), value: v.reason, dir: 'auto' },
                v.forPartner !== null &&
                  !!v.forPartner && { id: 'know', key: t('voucher.field.forPartner'), value: v.forPartner, dir: 'auto' },
                !!v.outcome && { id: 'outcome', key: t('partner.outcome'), value: v.outcome, dir: 'auto' },
                !!v.statusReason && {
                  id: 'why',
                  key: t('partner.reason'),
                  value: t(`voucher.reasonCode.${v.statusReason}`, { defaultValue: v.statusReason }),
                },
              ]}
            />
            {!v.person && <p className="field__hint">{t('partner.gateHint')}</p>}
          </Card>
          {v.actions.map((action) => (
            <AnswerForm
              key={`${action}-${v.version}`}
              voucher={v}
              action={action}
              onSaved={(next) => saved(next, t(`partner.done.${action}`))}
            />
          ))}
          {v.mayRecordVisit && <VisitForm voucher={v} onSaved={(next) => saved(next, t('partner.visit.saved'))} />}
          <Card heading={t('voucher.visits')}>
            {v.visits.length === 0 ? (
              <p className="empty-state">{t('partner.visit.none')}</p>
            ) : (
              <ul>
                {v.visits.map((visit) => (
                  <li key={visit.id}>
                    {date(visit.visitedOn)} · {visit.service} · {t('voucher.minutes', { count: visit.durationMinutes })}
                    {visit.note ? ` – ${visit.note}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
