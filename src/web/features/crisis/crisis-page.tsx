import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { addSupportContactBody, closeCrisisBody, openCrisisBody, supportKind } from '../../../areas/crisis/crisis.contract.ts';
import { plainText } from '../../../areas/journal/rich-text.rules.ts';
import { formatDate, formatDateTime, localInputOf, momentOfLocalInput, todayIsoDate } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { SummaryList } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import type { CaseRecord } from '../cases/case-api.ts';
import { CaseFrame } from '../cases/case-frame.tsx';
import { journalApi } from '../journal/journal-api.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type Crisis, crisisApi } from './crisis-api.ts';

const nowInput = () => localInputOf(new Date().toISOString());

/** Opening a crisis by hand: when it happened, what happened, what was done at once and who was informed. */
function OpenCrisisForm({ caseId, onOpened }: { caseId: string; onOpened: (crisis: Crisis) => void }) {
  const { t } = useTranslation();
  const form = useForm('crisis-open');
  const [values, setValues] = useState({ occurredAt: nowInput(), whatHappened: '', immediateActions: '', informed: '' });
  // Opened from a journal entry (its "Open a crisis" link): the crisis names the entry, and begins with its words.
  const [searchParams] = useSearchParams();
  const fromEntry = searchParams.get('fromEntry');
  useEffect(() => {
    if (!fromEntry) return;
    journalApi
      .get(fromEntry)
      .then((entry) => setValues((v) => (v.whatHappened ? v : { ...v, whatHappened: plainText(entry.text).slice(0, 5000) })))
      .catch(() => undefined);
  }, [fromEntry]);
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const labels = {
    occurredAt: t('crisis.occurredAt'),
    whatHappened: t('crisis.whatHappened'),
    immediateActions: t('crisis.immediateActions'),
    informed: t('crisis.informed'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(openCrisisBody, {
      ...values,
      occurredAt: momentOfLocalInput(values.occurredAt),
      ...(fromEntry ? { source: 'journal_entry', sourceId: fromEntry } : {}),
    });
    if (!checked) return;
    void form.submit(async () => onOpened(await crisisApi.open(caseId, checked)));
  };
  return (
    <section aria-labelledby="crisis-open" className="panel">
      <h2 id="crisis-open">{t('crisis.openTitle')}</h2>
      <p>{t('crisis.openHint')}</p>
      {fromEntry && <p className="notice notice--info">{t('crisis.fromJournalEntry')}</p>}
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextField
          {...form.field('occurredAt')}
          label={labels.occurredAt}
          type="datetime-local"
          value={values.occurredAt}
          onChange={set('occurredAt')}
          required
        />
        <TextAreaField
          {...form.field('whatHappened')}
          label={labels.whatHappened}
          rows={4}
          value={values.whatHappened}
          onChange={set('whatHappened')}
          required
        />
        <TextAreaField
          {...form.field('immediateActions')}
          label={labels.immediateActions}
          hint={t('crisis.immediateActionsHint')}
          value={values.immediateActions}
          onChange={set('immediateActions')}
        />
        <TextAreaField
          {...form.field('informed')}
          label={labels.informed}
          hint={t('crisis.informedHint')}
          value={values.informed}
          onChange={set('informed')}
        />
        <SubmitButton submitting={form.submitting}>{t('crisis.open')}</SubmitButton>
      </form>
    </section>
  );
}

/** Recording professional support sought: which kind, when it was contacted, whom, and what came of it. */
function SupportContactForm({ crisis, onAdded }: { crisis: Crisis; onAdded: (crisis: Crisis) => void }) {
  const { t } = useTranslation();
  const form = useForm(`crisis-contact-${crisis.id}`);
  const empty = () => ({ kind: '', contactedAt: nowInput(), contact: '', note: '' });
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const labels = {
    kind: t('crisis.support.kind'),
    contactedAt: t('crisis.support.contactedAt'),
    contact: t('crisis.support.contact'),
    note: t('crisis.support.note'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(addSupportContactBody, { ...values, contactedAt: momentOfLocalInput(values.contactedAt) });
    if (!checked) return;
    void form.submit(async () => {
      onAdded(await crisisApi.addSupportContact(crisis.id, checked));
      setValues(empty());
    });
  };
  return (
    <>
      <h3 id="crisis-support-add">{t('crisis.support.addTitle')}</h3>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide" aria-labelledby="crisis-support-add">
        <SelectField {...form.field('kind')} label={labels.kind} value={values.kind} onChange={set('kind')} required>
          <option value="">{t('common.choose')}</option>
          {supportKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`crisis.support.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...form.field('contactedAt')}
          label={labels.contactedAt}
          type="datetime-local"
          value={values.contactedAt}
          onChange={set('contactedAt')}
          required
        />
        <TextField
          {...form.field('contact')}
          label={labels.contact}
          hint={t('crisis.support.contactHint')}
          value={values.contact}
          onChange={set('contact')}
        />
        <TextAreaField {...form.field('note')} label={labels.note} value={values.note} onChange={set('note')} />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('crisis.support.add')}
        </SubmitButton>
      </form>
    </>
  );
}

/** Changing what was recorded while the crisis is open. */
function CrisisDetailsForm({ crisis, onSaved, onCancel }: { crisis: Crisis; onSaved: (crisis: Crisis) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(`crisis-details-${crisis.id}`);
  const conflict = useVersionConflict();
  const [values, setValues] = useState({
    occurredAt: localInputOf(crisis.occurredAt),
    whatHappened: crisis.whatHappened,
    immediateActions: crisis.immediateActions,
    informed: crisis.informed,
  });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const labels = {
    occurredAt: t('crisis.occurredAt'),
    whatHappened: t('crisis.whatHappened'),
    immediateActions: t('crisis.immediateActions'),
    informed: t('crisis.informed'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(openCrisisBody, {
      ...values,
      occurredAt: momentOfLocalInput(values.occurredAt),
    });
    if (!checked) return;
    void form.submit(async () =>
      onSaved(
        await conflict.guard(() =>
          crisisApi.update(crisis.id, {
            occurredAt: checked.occurredAt,
            whatHappened: checked.whatHappened,
            immediateActions: checked.immediateActions,
            informed: checked.informed,
            version: crisis.version,
          }),
        ),
      ),
    );
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <TextField
          {...form.field('occurredAt')}
          label={labels.occurredAt}
          type="datetime-local"
          value={values.occurredAt}
          onChange={set('occurredAt')}
          required
        />
        <TextAreaField
          {...form.field('whatHappened')}
          label={labels.whatHappened}
          rows={4}
          value={values.whatHappened}
          onChange={set('whatHappened')}
          required
        />
        <TextAreaField
          {...form.field('immediateActions')}
          label={labels.immediateActions}
          value={values.immediateActions}
          onChange={set('immediateActions')}
        />
        <TextAreaField {...form.field('informed')} label={labels.informed} value={values.informed} onChange={set('informed')} />
        <div className="button-row">
          <SubmitButton submitting={form.submitting}>{t('common.save')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Supervision closes the crisis: its outcome, and when the person is followed up. */
function CloseCrisisForm({ crisis, onClosed }: { crisis: Crisis; onClosed: (crisis: Crisis) => void }) {
  const { t } = useTranslation();
  const form = useForm(`crisis-close-${crisis.id}`);
  const conflict = useVersionConflict();
  const [outcome, setOutcome] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const labels = { outcome: t('crisis.outcome'), followUpOn: t('crisis.followUpOn') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(closeCrisisBody, { outcome, followUpOn, version: crisis.version });
    if (!checked) return;
    if (checked.followUpOn < todayIsoDate()) {
      form.fail({ followUpOn: t('crisis.followUpInThePast') });
      return;
    }
    void form.submit(async () => onClosed(await conflict.guard(() => crisisApi.close(crisis.id, checked))));
  };
  return (
    <>
      <h3 id="crisis-close">{t('crisis.closeTitle')}</h3>
      <p>{t('crisis.closeHint')}</p>
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide" aria-labelledby="crisis-close">
        <TextAreaField
          {...form.field('outcome')}
          label={labels.outcome}
          rows={4}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          required
        />
        <TextField
          {...form.field('followUpOn')}
          label={labels.followUpOn}
          type="date"
          min={todayIsoDate()}
          value={followUpOn}
          onChange={(e) => setFollowUpOn(e.target.value)}
          className="field--short"
          required
        />
        <SubmitButton submitting={form.submitting}>{t('crisis.close')}</SubmitButton>
      </form>
    </>
  );
}

/** What a crisis records, read down the page, with the support sought. */
function CrisisDetails({ crisis }: { crisis: Crisis }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = (value: string) => (value ? <span className="pre-wrap">{value}</span> : t('common.notStated'));
  const rows = [
    {
      id: 'opened',
      key: t('crisis.openedAt'),
      value: t(`crisis.openedFrom.${crisis.source}`, { time: formatDateTime(crisis.openedAt, locale), name: crisis.openedByName ?? '' }),
    },
    { id: 'occurred', key: t('crisis.occurredAt'), value: formatDateTime(crisis.occurredAt, locale) },
    { id: 'what', key: t('crisis.whatHappened'), value: text(crisis.whatHappened) },
    { id: 'actions', key: t('crisis.immediateActions'), value: text(crisis.immediateActions) },
    { id: 'informed', key: t('crisis.informed'), value: text(crisis.informed) },
    {
      id: 'head',
      key: t('crisis.agencyHeadTold'),
      value: t('crisis.agencyHeadToldValue', { inApp: crisis.agencyHeadsNotified, byMail: crisis.agencyHeadsMailed }),
    },
    ...(crisis.status === 'closed'
      ? [
          {
            id: 'closed',
            key: t('crisis.closedAt'),
            value: t('crisis.closedBy', { time: formatDateTime(crisis.closedAt, locale), name: crisis.closedByName ?? '' }),
          },
          { id: 'outcome', key: t('crisis.outcome'), value: text(crisis.outcome ?? '') },
          { id: 'followUp', key: t('crisis.followUpOn'), value: formatDate(crisis.followUpOn, locale) },
        ]
      : []),
  ];
  return (
    <>
      <SummaryList rows={rows} />
      <h3>{t('crisis.support.title')}</h3>
      {crisis.supportContacts.length === 0 ? (
        <p>{t('crisis.support.none')}</p>
      ) : (
        <TableWrap label={t('crisis.support.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('crisis.support.kind')}</th>
                <th scope="col">{t('crisis.support.contactedAt')}</th>
                <th scope="col">{t('crisis.support.contact')}</th>
                <th scope="col">{t('crisis.support.note')}</th>
              </tr>
            </thead>
            <tbody>
              {crisis.supportContacts.map((c) => (
                <tr key={c.id}>
                  <td>{t(`crisis.support.kinds.${c.kind}`)}</td>
                  <td>{formatDateTime(c.contactedAt, locale)}</td>
                  <td>{c.contact}</td>
                  <td className="pre-wrap">{c.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function OpenCrisis({
  crisis,
  record,
  onChange,
}: {
  crisis: Crisis;
  record: CaseRecord;
  onChange: (crisis: Crisis, message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="crisis-current" className="panel">
      <h2 id="crisis-current" tabIndex={-1}>
        {t('crisis.currentTitle')} <StatusTag kind="urgent">{t('crisis.status.open')}</StatusTag>
      </h2>
      <p>{t('crisis.openSince', { time: formatDateTime(crisis.openedAt, locale) })}</p>
      {editing ? (
        <CrisisDetailsForm
          crisis={crisis}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onChange(saved, t('crisis.saved'));
          }}
        />
      ) : (
        <>
          <CrisisDetails crisis={crisis} />
          {crisis.may.change && (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              {t('crisis.changeDetails')}
            </button>
          )}
        </>
      )}
      {crisis.may.change && <SupportContactForm crisis={crisis} onAdded={(c) => onChange(c, t('crisis.support.added'))} />}
      <p>
        <Link to={`/cases/${encodeURIComponent(record.id)}/safety-plan`} className="standalone-link">
          {t('crisis.safetyPlanLink')}
        </Link>
      </p>
      {crisis.may.close && <CloseCrisisForm crisis={crisis} onClosed={(c) => onChange(c, t('crisis.closed'))} />}
    </section>
  );
}

/**
 * /cases/:id/crisis – crisis intervention on the case: the open crisis with what happened, what was
 * done at once, who was informed and the support sought, and closing it (supervision); opening one
 * when none is open; the earlier crises below.
 */
export function CrisisPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const loaded = useLoad(() => crisisApi.list(id).then((r) => r.items), `crises:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const crises = loaded.data ?? [];
  const open = crises.find((c) => c.status === 'open') ?? null;
  const earlier = crises.filter((c) => c.status === 'closed');
  return (
    <CaseFrame caseId={id} title={(number) => t('crisis.pageTitle', { number })}>
      {(record, reloadCase) => {
        const put = (c: Crisis, text: string) => {
          loaded.set(crises.some((x) => x.id === c.id) ? crises.map((x) => (x.id === c.id ? c : x)) : [c, ...crises]);
          setMessage(text);
          // The header shows the crisis flag: it follows the open crisis.
          if (c.status === 'closed' || !crises.some((x) => x.id === c.id)) reloadCase();
        };
        return (
          <>
            <StatusMessage message={message} />
            <LoadStatus loaded={loaded} />
            {loaded.data && open && <OpenCrisis key={open.id} crisis={open} record={record} onChange={put} />}
            {loaded.data && !open && record.may.work && <OpenCrisisForm caseId={record.id} onOpened={(c) => put(c, t('crisis.opened'))} />}
            {loaded.data && !open && !record.may.work && <EmptyState title={t('crisis.noneOpen')} />}
            {earlier.length > 0 && (
              <section aria-labelledby="crisis-earlier" className="panel">
                <h2 id="crisis-earlier">{t('crisis.earlierTitle')}</h2>
                {earlier.map((c) => (
                  <article key={c.id} aria-labelledby={`crisis-${c.id}`} className="crisis-earlier">
                    <h3 id={`crisis-${c.id}`}>{t('crisis.earlierItem', { time: formatDateTime(c.openedAt, locale) })}</h3>
                    <CrisisDetails crisis={c} />
                  </article>
                ))}
              </section>
            )}
          </>
        );
      }}
    </CaseFrame>
  );
}
