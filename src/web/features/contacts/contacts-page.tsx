import { CalendarPlus, CalendarSync } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { formatDate, formatDateTime, formatList, todayIsoDate } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SummaryList } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { SavedMessage } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';
import { useForm } from '../../ui/use-form.ts';
import { CaseFrame, type CaseFrameParts } from '../cases/case-frame.tsx';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { ContactForm } from './contact-form.tsx';
import { type Contact, contactsApi } from './contacts-api.ts';
import { CancelForm, MissForm } from './outcome-forms.tsx';
import './contacts.css';

export const contactStatusTag: Record<Contact['status'], StatusKind> = {
  planned: 'todo',
  held: 'done',
  missed: 'missing',
  cancelled: 'ended',
};

/** /cases/:id/contacts – the contact schedule and visit log of a case. */
export function ContactsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <CaseFrame caseId={id} title={(caseNumber) => t('contacts.title', { caseNumber })}>
      {(record, _reload, parts) => <Contacts caseId={record.id} caseOpen={record.stage !== 'closed'} parts={parts} />}
    </CaseFrame>
  );
}

/** The journal entry a held contact began, opened in the journal (its editor, while it is the reader's draft). */
export const notePath = (caseId: string, entryId: string) =>
  `/cases/${encodeURIComponent(caseId)}/journal?entry=${encodeURIComponent(entryId)}`;

function Contacts({ caseId, caseOpen, parts }: { caseId: string; caseOpen: boolean; parts: CaseFrameParts }) {
  const { t } = useTranslation();
  const { user, permissions } = useSignedInSession();
  const [generation, setGeneration] = useState(0);
  const list = useLoad(() => contactsApi.list(caseId), `contacts:${caseId}:${generation}`);
  const [planning, setPlanning] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const schedule = useForm('contacts-schedule');
  const formRef = useRef<HTMLDivElement>(null);
  const { overview } = parts;
  const mayWrite = caseOpen && permissions.includes('journal.write');
  const staff = [overview.responsible, ...overview.team];
  const me = { id: user.id, name: user.displayName };
  const today = todayIsoDate();

  useEffect(() => {
    if (planning) formRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [planning]);
  // A link from Today or the week names one contact (#contact-…): shown once the list is there.
  const { hash } = useLocation();
  useEffect(() => {
    if (list.data && hash.startsWith('#contact-')) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [list.data, hash]);

  const changed = (message: string) => {
    setSaved(message);
    setGeneration((g) => g + 1);
  };
  const scheduleMeetings = () =>
    void schedule.submit(async () => {
      const result = await contactsApi.scheduleFromPlan(caseId);
      changed(
        [
          result.items.length > 0 ? t('contacts.scheduled', { count: result.items.length }) : t('contacts.scheduledNone'),
          result.alreadyScheduled > 0 ? t('contacts.alreadyScheduled', { count: result.alreadyScheduled }) : '',
          result.inThePast > 0 ? t('contacts.inThePast', { count: result.inThePast }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    });

  const items = list.data?.items ?? null;
  const planned = items?.filter((c) => c.status === 'planned').sort((a, b) => a.startsAt.localeCompare(b.startsAt)) ?? null;
  const recorded = items?.filter((c) => c.status !== 'planned') ?? null;
  const view = (contact: Contact) => (
    <li key={contact.id}>
      <ContactView contact={contact} caseId={caseId} staff={staff} me={me} today={today} onChanged={changed} />
    </li>
  );
  return (
    <>
      <div className="contacts-actions">
        {mayWrite && !planning && (
          <button type="button" className="button button--primary" onClick={() => setPlanning(true)}>
            <Icon icon={CalendarPlus} />
            {t('contacts.planNew')}
          </button>
        )}
        {mayWrite && overview.activePlan && (
          <button type="button" className="button button--secondary" disabled={schedule.submitting} onClick={scheduleMeetings}>
            <Icon icon={CalendarSync} />
            {t('contacts.fromPlan')}
          </button>
        )}
        <SavedMessage text={saved} focus />
      </div>
      {schedule.message && (
        <p role="alert" className="notice notice--error">
          {schedule.message}
        </p>
      )}
      {planning && (
        <div ref={formRef}>
          <ContactForm
            caseId={caseId}
            contact={null}
            staff={staff}
            me={me}
            today={today}
            onClose={() => setPlanning(false)}
            onSaved={() => {
              setPlanning(false);
              changed(t('contacts.plannedMessage'));
            }}
          />
        </div>
      )}
      <LoadError loaded={list} />
      <section aria-labelledby="contacts-planned-heading" aria-busy={list.loading}>
        <h2 id="contacts-planned-heading">{t('contacts.plannedHeading')}</h2>
        {planned === null ? (
          <Skeleton lines={4} />
        ) : planned.length === 0 ? (
          <EmptyState title={t('contacts.noneComing')} hint={mayWrite ? t('contacts.noneComingHint') : undefined} />
        ) : (
          <ol className="contact-list">{planned.map(view)}</ol>
        )}
      </section>
      <section aria-labelledby="contacts-recorded-heading">
        <h2 id="contacts-recorded-heading">{t('contacts.recordedHeading')}</h2>
        {recorded === null ? (
          <Skeleton lines={2} />
        ) : recorded.length === 0 ? (
          <EmptyState title={t('contacts.noneRecorded')} />
        ) : (
          <ol className="contact-list">{recorded.map(view)}</ol>
        )}
      </section>
    </>
  );
}

/** When a contact is planned, as a heading says it: the day, and the time once it is set. */
export function useContactWhen() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (contact: { plannedOn: string; plannedTime: string | null }) =>
    contact.plannedTime
      ? `${formatDate(contact.plannedOn, locale)} ${contact.plannedTime}`
      : t('contacts.dayOnly', { date: formatDate(contact.plannedOn, locale) });
}

type Open = 'change' | 'miss' | 'cancel' | null;

/** One contact: when, what kind and its status; where, who, what for; what became of it; what may be done with it now. */
function ContactView({
  contact,
  caseId,
  staff,
  me,
  today,
  onChanged,
}: {
  contact: Contact;
  caseId: string;
  staff: { id: string; name: string }[];
  me: { id: string; name: string };
  today: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const when = useContactWhen();
  const action = useForm(`contact-action-${contact.id}`);
  const [open, setOpen] = useState<Open>(null);
  const headingId = `contact-${contact.id}-heading`;
  const overdue = contact.status === 'planned' && contact.plannedOn < today;
  const who = contact.participants.map((p) =>
    p.kind === 'person'
      ? t('journal.participant.person')
      : p.kind === 'staff'
        ? p.name
        : `${p.name} (${t(`journal.participant.${p.kind}`)})`,
  );
  const openNote = (entryId: string | null) => {
    if (entryId) navigate(notePath(caseId, entryId));
  };
  const hold = () =>
    void action.submit(async () => openNote((await contactsApi.hold(contact.id, { version: contact.version })).journalEntryId));
  const beginNote = () =>
    void action.submit(async () => openNote((await contactsApi.beginNote(contact.id, contact.version)).journalEntryId));
  const followUpDone = () =>
    void action.submit(async () => {
      await contactsApi.completeFollowUp(contact.id, contact.version);
      onChanged(t('contacts.followUpDoneMessage'));
    });
  const done = (message: string) => () => {
    setOpen(null);
    onChanged(message);
  };

  return (
    <article id={`contact-${contact.id}`} className={`contact contact--${contact.status}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="contact__heading">
        <span>{when(contact)}</span> · <span>{t(`contacts.kind.${contact.kind}`)}</span>
      </h3>
      <p className="contact__tags">
        <StatusTag kind={contactStatusTag[contact.status]}>{t(`contacts.status.${contact.status}`)}</StatusTag>
        {overdue && <StatusTag kind="overdue">{t('contacts.notRecorded')}</StatusTag>}
        {contact.planMeetingId && <StatusTag kind="info">{t('contacts.ofPlan')}</StatusTag>}
      </p>
      <SummaryList
        rows={[
          { id: 'duration', key: t('contacts.duration'), value: t('contacts.minutes', { count: contact.durationMinutes }) },
          {
            id: 'place',
            key: t('contacts.field.place'),
            value: contact.placeText
              ? `${t(`contacts.place.${contact.placeKind}`)} – ${contact.placeText}`
              : t(`contacts.place.${contact.placeKind}`),
            dir: 'auto',
          },
          who.length > 0 && {
            id: 'who',
            key: contact.status === 'held' ? t('journal.field.participants') : t('contacts.field.participants'),
            value: formatList(who, locale),
          },
          !!contact.purpose && { id: 'purpose', key: t('contacts.field.purpose'), value: contact.purpose, dir: 'auto' },
          !!contact.recordedAt && {
            id: 'recorded',
            key: t('contacts.recorded'),
            value: t('contacts.recordedBy', { name: contact.recordedByName ?? '', time: formatDateTime(contact.recordedAt, locale) }),
          },
          contact.status === 'held' && {
            id: 'note',
            key: t('contacts.note'),
            value: contact.journalEntryId ? (
              <Link to={notePath(caseId, contact.journalEntryId)}>{t('contacts.openNote')}</Link>
            ) : (
              t('contacts.noNote')
            ),
          },
          contact.noShow && {
            id: 'follow-up',
            key: t('contacts.noShow.followUp'),
            value: (
              <>
                <span dir="auto">{contact.noShow.followUp}</span> –{' '}
                {contact.noShow.doneAt
                  ? t('contacts.noShow.doneAt', { time: formatDateTime(contact.noShow.doneAt, locale) })
                  : t('contacts.noShow.by', { date: formatDate(contact.noShow.followUpOn, locale) })}
              </>
            ),
          },
          contact.cancellation && {
            id: 'cancelled',
            key: t('contacts.cancellation.by'),
            value: `${t(`contacts.cancelledBy.${contact.cancellation.by}`)} – ${contact.cancellation.reason}`,
          },
        ]}
      />
      {open === null && Object.values(contact.may).some(Boolean) && (
        <div className="button-row">
          {contact.may.hold && (
            <button type="button" className="button button--primary" disabled={action.submitting} onClick={hold}>
              {t('contacts.hold')}
            </button>
          )}
          {contact.may.miss && (
            <button type="button" className="button button--secondary" onClick={() => setOpen('miss')}>
              {t('contacts.miss')}
            </button>
          )}
          {contact.may.change && (
            <button type="button" className="button button--secondary" onClick={() => setOpen('change')}>
              {t('contacts.change')}
            </button>
          )}
          {contact.may.cancel && (
            <button type="button" className="button button--secondary" onClick={() => setOpen('cancel')}>
              {t('contacts.cancel')}
            </button>
          )}
          {contact.may.completeFollowUp && (
            <button type="button" className="button button--primary" disabled={action.submitting} onClick={followUpDone}>
              {t('contacts.noShow.done')}
            </button>
          )}
          {contact.may.beginNote && (
            <button type="button" className="button button--primary" disabled={action.submitting} onClick={beginNote}>
              {t('contacts.beginNote')}
            </button>
          )}
        </div>
      )}
      {action.message && (
        <p role="alert" className="field__error">
          {action.message}
        </p>
      )}
      {open === 'change' && (
        <ContactForm
          caseId={caseId}
          contact={contact}
          staff={staff}
          me={me}
          today={today}
          onClose={() => setOpen(null)}
          onSaved={done(t('contacts.changedMessage'))}
        />
      )}
      {open === 'miss' && <MissForm contact={contact} onClose={() => setOpen(null)} onSaved={done(t('contacts.missedMessage'))} />}
      {open === 'cancel' && <CancelForm contact={contact} onClose={() => setOpen(null)} onSaved={done(t('contacts.cancelledMessage'))} />}
    </article>
  );
}
