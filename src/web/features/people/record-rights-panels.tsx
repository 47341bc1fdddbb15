import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restrictionBody } from '../../../areas/person/person.contract.ts';
import { type SubjectAccessExport, subjectAccessRequest } from '../../../areas/subject-access/subject-access.contract.ts';
import type { LocaleCode } from '../../../core/common.contract.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { DocumentLanguageField, firstDocumentLanguage } from '../../ui/document-language-field.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusTag } from '../../ui/status-tag.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type Person, peopleApi } from './people-api.ts';

/** How many of the newest accesses the page shows; the printed log has the whole period. */
const SHOWN = 20;

/**
 * Who has read the person's record (GDPR art. 15, the Nordic log check): the newest accesses of the
 * last twelve months – who, in what role, when, what and how – and the whole log printed in the
 * person's language, to hand to them.
 */
export function AccessLogPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad(() => peopleApi.accessLog(personId), `access-log:${personId}`);
  const log = loaded.data;
  return (
    <section aria-labelledby="person-access-log" className="panel">
      <h2 id="person-access-log">{t('people.accessLog.title')}</h2>
      <p className="field__hint">{t('people.accessLog.hint')}</p>
      <LoadStatus loaded={loaded} />
      {log && (
        <>
          <p>
            {t('people.accessLog.period', {
              from: formatDate(log.from, locale),
              to: formatDate(log.to, locale),
              count: log.items.length,
            })}
          </p>
          {log.items.length > 0 && (
            <TableWrap label={t('people.accessLog.title')}>
              <table>
                <caption className="visually-hidden">{t('people.accessLog.caption', { count: Math.min(SHOWN, log.items.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('people.accessLog.when')}</th>
                    <th scope="col">{t('people.accessLog.who')}</th>
                    <th scope="col">{t('people.accessLog.what')}</th>
                    <th scope="col">{t('people.accessLog.how')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.items.slice(0, SHOWN).map((item) => (
                    <tr key={item.seq}>
                      <td>{formatDateTime(item.occurredAt, locale)}</td>
                      <td>
                        {item.actorName}
                        {item.actorRole && (
                          <span className="field__hint"> – {t(`role.${item.actorRole}`, { defaultValue: item.actorRole })}</span>
                        )}
                      </td>
                      <td>{t(`entityType.${item.entityType}`, { defaultValue: item.entityType })}</td>
                      <td>{t(`people.accessLog.kind.${item.how}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <a className="standalone-link" href={peopleApi.accessLogPrintUrl(personId)} target="_blank" rel="noopener">
            {t('people.accessLog.print')}
          </a>
        </>
      )}
    </section>
  );
}

/**
 * Restriction of processing (GDPR art. 18) at the person's request: shown for what it is, set and
 * lifted with a reason by those who may change the record. While it holds nothing about the person
 * leaves the agency but what the law requires.
 */
export function RestrictionPanel({
  person,
  canUpdate,
  onChanged,
}: {
  person: Person;
  canUpdate: boolean;
  onChanged: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm('restriction');
  const [reason, setReason] = useState('');
  const restriction = person.processingRestriction;
  const labels = { reason: restriction ? t('people.restriction.liftReason') : t('people.restriction.reason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(restrictionBody, { reason, version: person.version });
    if (!checked) return;
    void form.submit(async () => {
      const changed = restriction ? await peopleApi.liftRestriction(person.id, checked) : await peopleApi.restrict(person.id, checked);
      setReason('');
      onChanged(changed);
    });
  };
  return (
    <section aria-labelledby="person-restriction" className="panel">
      <h2 id="person-restriction">{t('people.restriction.title')}</h2>
      {restriction ? (
        <p>
          <StatusTag kind="confidential">{t('people.restriction.on')}</StatusTag>{' '}
          {t('people.restriction.since', { date: formatDateTime(restriction.since, locale), reason: restriction.reason })}
        </p>
      ) : (
        <p>{t('people.restriction.off')}</p>
      )}
      <p className="field__hint">{t('people.restriction.hint')}</p>
      {canUpdate && (
        <>
          <ErrorSummary form={form} labels={labels} />
          <form noValidate onSubmit={onSubmit} className="form">
            <TextAreaField
              {...form.field('reason')}
              label={labels.reason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={2000}
              required
            />
            <SubmitButton submitting={form.submitting} variant="secondary">
              {restriction ? t('people.restriction.lift') : t('people.restriction.restrict')}
            </SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}

/** How often the panel asks how far a copy has got while one is being made. */
const PROGRESS_POLL_MS = 1500;

/**
 * A copy of everything held on the person (GDPR art. 15), for those who may make one: asked for
 * with the language of its readable part and a note of how the person asked, made in the
 * background with its progress shown, then downloaded as a ZIP while it is kept.
 */
export function SubjectAccessPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad(() => peopleApi.subjectAccessCopies(person.id), `subject-access:${person.id}`);
  const form = useForm('subject-access');
  const [language, setLanguage] = useState<LocaleCode>(firstDocumentLanguage(person.languages));
  const [note, setNote] = useState('');
  const copies = loaded.data?.items ?? [];
  const working = copies.some((c) => c.status === 'queued' || c.status === 'running');
  const { set } = loaded;
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      void peopleApi
        .subjectAccessCopies(person.id)
        .then(set)
        .catch(() => undefined);
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [working, person.id, set]);
  const labels = { language: t('people.subjectAccess.language'), note: t('people.subjectAccess.note') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = form.check(subjectAccessRequest, { language, note });
    if (!checked) return;
    void form.submit(async () => {
      const asked = await peopleApi.askForSubjectAccessCopy(person.id, checked);
      setNote('');
      set({ items: [asked, ...copies] });
    });
  };
  return (
    <section aria-labelledby="person-subject-access" className="panel">
      <h2 id="person-subject-access">{t('people.subjectAccess.title')}</h2>
      <p className="field__hint">{t('people.subjectAccess.hint')}</p>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <DocumentLanguageField {...form.field('language')} label={labels.language} value={language} onChange={setLanguage} />
        <TextField
          {...form.field('note')}
          label={labels.note}
          hint={t('people.subjectAccess.noteHint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
        />
        <SubmitButton submitting={form.submitting} variant="secondary">
          {t('people.subjectAccess.ask')}
        </SubmitButton>
      </form>
      <LoadStatus loaded={loaded} />
      {copies.length > 0 && (
        <ul className="subject-access-copies" aria-label={t('people.subjectAccess.copies')}>
          {copies.map((copy) => (
            <li key={copy.id}>
              <p>
                <SubjectAccessStatusTag status={copy.status} />{' '}
                {t('people.subjectAccess.askedBy', {
                  name: copy.requestedBy.name,
                  date: formatDateTime(copy.requestedAt, locale),
                  language: t(`languageName.${copy.language}`, { defaultValue: copy.language }),
                })}
              </p>
              {copy.note && <p className="field__hint">{copy.note}</p>}
              {(copy.status === 'queued' || copy.status === 'running') && (
                <div role="status">
                  <progress
                    max={Math.max(copy.progress.total, 1)}
                    value={copy.progress.done}
                    aria-label={t('people.subjectAccess.progressLabel')}
                  />{' '}
                  {copy.progress.total > 0
                    ? t('people.subjectAccess.progress', { done: copy.progress.done, total: copy.progress.total })
                    : t('people.subjectAccess.waiting')}
                </div>
              )}
              {copy.status === 'failed' && <p role="alert">{t('people.subjectAccess.failed', { reason: copy.failure ?? '' })}</p>}
              {copy.available && (
                <p>
                  <a className="standalone-link" href={peopleApi.subjectAccessFileUrl(copy.id)} download>
                    {t('people.subjectAccess.download', { size: formatNumber(Math.ceil((copy.fileBytes ?? 0) / 1024), locale) })}
                  </a>{' '}
                  <span className="field__hint">
                    {t('people.subjectAccess.keptUntil', { date: formatDateTime(copy.expiresAt ?? copy.requestedAt, locale) })}
                  </span>
                </p>
              )}
              {copy.status === 'ready' && !copy.available && <p className="field__hint">{t('people.subjectAccess.deleted')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SubjectAccessStatusTag({ status }: { status: SubjectAccessExport['status'] }) {
  const { t } = useTranslation();
  const kind = ({ queued: 'awaiting', running: 'awaiting', ready: 'done', failed: 'problem' } as const)[status];
  return <StatusTag kind={kind}>{t(`people.subjectAccess.status.${status}`)}</StatusTag>;
}
