import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unlinkPersonBody } from '../../../areas/person/person.contract.ts';
import { ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import type { PersonChoice } from '../intake/person-form.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import type { Person } from './people-api.ts';
import { type PersonLink, peopleApi } from './people-api.ts';
import { PersonFinder } from './person-finder.tsx';
import { usePersonNames } from './person-names.ts';
import { useReturnFocus } from './return-focus.ts';

/** A reason for linking or unlinking (the same rule for both), checked, then sent; the server's problems go to the summary. */
function ReasonForm({
  formId,
  label,
  hint,
  submitLabel,
  alreadyDone,
  send,
  onCancel,
}: {
  formId: string;
  label: string;
  hint: string;
  submitLabel: string;
  /** What to say when the server finds it done already (linked, or unlinked by someone else meanwhile). */
  alreadyDone: string;
  send: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm(formId);
  const [reason, setReason] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(unlinkPersonBody, { reason });
    if (!body) return;
    void form.submit(async () => {
      try {
        await send(body.reason);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'already_exists') {
          form.fail({}, alreadyDone);
          return;
        }
        throw error;
      }
    });
  };
  return (
    <>
      <ErrorSummary form={form} labels={{ reason: label, otherPersonId: t('people.links.other') }} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextAreaField
          autoFocus
          {...form.field('reason')}
          label={label}
          hint={hint}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <div className="button-row">
          <SubmitButton submitting={form.submitting}>{submitLabel}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Find the other record of the same person, then say why they are the same. */
function AddLink({
  person,
  exclude,
  onLinked,
  onCancel,
}: {
  person: Person;
  exclude: readonly string[];
  onLinked: (link: PersonLink) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [other, setOther] = useState<PersonChoice | null>(null);
  return (
    <div className="panel panel--edit">
      <h3>{t('people.links.addTitle')}</h3>
      {other ? (
        <>
          <p id="link-otherPersonId" tabIndex={-1}>
            {t('people.links.chosen')} <strong dir="auto">{other.name}</strong>
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => setOther(null)}>
            {t('people.chooseAnother')}
          </button>
          <ReasonForm
            formId="link"
            label={t('people.links.reason')}
            hint={t('people.links.reasonHint')}
            submitLabel={t('people.links.link')}
            alreadyDone={t('people.links.alreadyLinked')}
            send={async (reason) => onLinked(await peopleApi.link(person.id, { otherPersonId: other.id, reason }))}
            onCancel={onCancel}
          />
        </>
      ) : (
        <>
          <PersonFinder
            autoFocus
            label={t('people.links.find')}
            exclude={exclude}
            chooseText={t('people.chooseButton')}
            chooseLabel={(name) => t('people.choose', { name })}
            onChosen={setOther}
          />
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </>
      )}
    </div>
  );
}

interface LinksPanelProps {
  person: Person;
  canUpdate: boolean;
  /** Whether the form for linking a record is open (one form on the page at a time). */
  linking: boolean;
  onLinking: (linking: boolean) => void;
  onMessage: (message: string) => void;
}

/** Other records of the same person: linked with a reason, never merged; unlinking also needs a reason and stays on record. */
export function LinksPanel({ person, canUpdate, linking, onLinking, onMessage }: LinksPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad(() => peopleApi.links(person.id), `links:${person.id}`);
  const [unlinking, setUnlinking] = useState<string | null>(null);
  const links = loaded.data?.items ?? [];
  const otherId = (link: PersonLink) => (link.personId === person.id ? link.otherPersonId : link.personId);
  const names = usePersonNames(links.map(otherId));
  const nameOf = (link: PersonLink) => names.get(otherId(link)) ?? null;
  const active = links.filter((l) => l.unlinkedAt === null);
  const removed = links.filter((l) => l.unlinkedAt !== null);
  const linkButton = useReturnFocus<HTMLButtonElement>(linking);
  const replace = (updated: PersonLink) => loaded.set({ items: [updated, ...links.filter((l) => l.id !== updated.id)] });

  const otherRecord = (link: PersonLink) => {
    const name = nameOf(link);
    return name ? (
      <Link to={`/people/${otherId(link)}`} dir="auto">
        {name}
      </Link>
    ) : (
      t('people.links.notOpenable')
    );
  };
  const linkedLine = (link: PersonLink) =>
    t('people.links.linkedBy', { name: link.linkedByName ?? t('people.unknownStaff'), time: formatDateTime(link.linkedAt, locale) });

  return (
    <section aria-labelledby="person-links" className="panel">
      <h2 id="person-links">{t('people.links.title')}</h2>
      <p className="field__hint">{t('people.links.hint')}</p>
      <LoadStatus loaded={loaded} />
      {loaded.data && active.length === 0 && <p>{t('people.links.none')}</p>}
      {active.length > 0 && (
        <ul className="candidate-list">
          {active.map((link) => (
            <li key={link.id} className="candidate">
              <p>
                <strong>{otherRecord(link)}</strong>
              </p>
              <p>{linkedLine(link)}</p>
              <p>
                <span dir="auto">{t('people.links.reasonGiven', { reason: link.reason })}</span>
              </p>
              {canUpdate &&
                (unlinking === link.id ? (
                  <ReasonForm
                    formId={`unlink-${link.id}`}
                    label={t('people.links.unlinkReason')}
                    hint={t('people.links.unlinkReasonHint')}
                    submitLabel={t('people.links.unlink')}
                    alreadyDone={t('people.links.alreadyUnlinked')}
                    send={async (reason) => {
                      replace(await peopleApi.unlink(link.id, reason));
                      setUnlinking(null);
                      onMessage(t('people.links.unlinked', { name: nameOf(link) ?? t('people.links.notOpenable') }));
                    }}
                    onCancel={() => setUnlinking(null)}
                  />
                ) : (
                  <button type="button" className="button button--secondary button--small" onClick={() => setUnlinking(link.id)}>
                    {t('people.links.unlink')}
                    <span className="visually-hidden">{` ${nameOf(link) ?? ''}`}</span>
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {removed.length > 0 && (
        <>
          <h3>{t('people.links.removedTitle')}</h3>
          <ul className="plain-list">
            {removed.map((link) => (
              <li key={link.id}>
                <p>
                  {otherRecord(link)} – {linkedLine(link)}: <span dir="auto">{link.reason}</span>
                </p>
                <p>
                  {t('people.links.unlinkedBy', {
                    name: link.unlinkedByName ?? t('people.unknownStaff'),
                    time: formatDateTime(link.unlinkedAt, locale),
                  })}
                  : <span dir="auto">{link.unlinkReason}</span>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {canUpdate &&
        (linking ? (
          <AddLink
            person={person}
            exclude={[person.id, ...active.map(otherId)]}
            onCancel={() => onLinking(false)}
            onLinked={(link) => {
              loaded.set({ items: [link, ...links] });
              onLinking(false);
              onMessage(t('people.links.linked'));
            }}
          />
        ) : (
          <button ref={linkButton} type="button" className="button button--secondary" onClick={() => onLinking(true)}>
            {t('people.links.addTitle')}
          </button>
        ))}
    </section>
  );
}
