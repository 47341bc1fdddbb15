import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restrictionBody } from '../../../areas/person/person.contract.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
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
