import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { Card, SummaryList, type SummaryRow } from '../../ui/card.tsx';
import { TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { describeError } from '../../ui/validation.ts';
import { type Person, personApi } from '../people/people-api.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { DecisionPanel } from './decision-panel.tsx';
import { type IntakeDecision, type IntakeRequest, type Interview, type ReferralOut, requestApi } from './intake-api.ts';
import { InterviewForm, InterviewView } from './interview-form.tsx';
import { PersonForm } from './person-form.tsx';
import { PersonPicker } from './person-picker.tsx';
import { PriorityTag } from './priority-tag.tsx';
import { requestSubject } from './queue-page.tsx';

/** A line of the request's summary, left out when nothing was recorded; `dir` auto for the writer's own words. */
function detail(id: string, key: string, value: string | null | undefined, dir?: 'auto'): SummaryRow | null {
  return value ? { id, key, value, dir } : null;
}

/** /intake/:id – one request: what was said, screening, the decision, referrals and the interview record. */
export function RequestPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const loaded = useLoad(() => requestApi.get(id), `request:${id}`);
  const [decisions, setDecisions] = useState<IntakeDecision[]>([]);
  const [referrals, setReferrals] = useState<ReferralOut[]>([]);
  const [interviews, setInterviews] = useState<Interview[]>([]);
  const [personName, setPersonName] = useState<string | null>(null);
  const [person, setPerson] = useState<Person | null>(null);
  const [editingPerson, setEditingPerson] = useState(false);
  const [message, setMessage] = useState<string | null>(created ? t('intake.created', { receipt: created }) : null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [arrivalNotes, setArrivalNotes] = useState<Record<string, string>>({});
  const request = loaded.data;
  const { permissions } = useSignedInSession();

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    if (!id) return;
    requestApi
      .decisions(id)
      .then((r) => setDecisions(r.items))
      .catch(() => undefined);
    requestApi
      .referrals(id)
      .then((r) => setReferrals(r.items))
      .catch(() => undefined);
    requestApi
      .interviews(id)
      .then((r) => setInterviews(r.items))
      .catch(() => undefined);
  }, [id, generation]);

  const showPerson = (p: Person | null) => {
    setPerson(p);
    setPersonName(p ? `${p.givenName} ${p.familyName}` : null);
  };
  const loadPerson = (personId: string) => {
    personApi
      .get(personId)
      .then(showPerson)
      .catch(() => showPerson(null));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads the person when the linked person changes
  useEffect(() => {
    if (request?.personId) loadPerson(request.personId);
  }, [request?.personId]);

  const fail = (e: unknown) => setError(e instanceof ApiError ? describeError(e, t) : t('error.unexpected'));

  const linkPerson = (personId: string, name: string) => {
    if (!request) return;
    setError(null);
    requestApi
      .update(request.id, { personId, version: request.version })
      .then((updated) => {
        loaded.set(updated);
        setPersonName(name);
        setMessage(t('intake.personLinkedTo', { name }));
      })
      .catch(fail);
  };

  const arrival = (referral: ReferralOut, arrived: boolean) => {
    setError(null);
    requestApi
      .confirmArrival(referral.id, { arrived, note: arrivalNotes[referral.id] ?? '' })
      .then((updated) => {
        setReferrals((list) => list.map((r) => (r.id === updated.id ? updated : r)));
        setMessage(arrived ? t('referral.arrivedSaved') : t('referral.notArrivedSaved'));
      })
      .catch(fail);
  };

  return (
    <Page title={request ? t('intake.requestTitle', { receipt: request.receiptNumber }) : t('intake.requestTitleLoading')}>
      <StatusMessage message={message} />
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <LoadStatus loaded={loaded} />
      {request && (
        <>
          <Card id="request-summary" heading={t('intake.summary')}>
            <SummaryList
              rows={[
                detail('status', t('intake.status'), t(`requestStatus.${request.status}`)),
                { id: 'priority', key: t('intake.priority'), value: <PriorityTag priority={request.priority} /> },
                detail('receivedAt', t('intake.receivedAt'), formatDateTime(request.receivedAt, locale)),
                detail('deadline', t('intake.deadline'), formatDateTime(request.firstResponseDueAt, locale)),
                detail('channel', t('intake.channel'), t(`channel.${request.channel}`)),
                detail('cameVia', t('intake.cameVia'), t(`cameVia.${request.cameVia}`)),
                detail('referringAgency', t('intake.referringAgency'), request.referringAgency),
                request.personId
                  ? {
                      id: 'person',
                      key: t('intake.person'),
                      value: <Link to={`/people/${request.personId}`}>{personName ?? t('intake.personLinked')}</Link>,
                    }
                  : detail('person', t('intake.person'), requestSubject(request, t)),
                detail('contact', t('intake.contact'), [request.contactPhone, request.contactEmail].filter(Boolean).join(', ')),
                detail('language', t('intake.language'), t(`languageName.${request.language}`, { defaultValue: request.language })),
                detail('ownWords', t('intake.ownWords'), request.ownWords, 'auto'),
                detail('mainProblem', t('intake.mainProblem'), request.mainProblem, 'auto'),
                detail('problemOrigin', t('intake.problemOrigin'), request.problemOrigin, 'auto'),
                detail('previousHelp', t('intake.previousHelp'), request.previousHelp, 'auto'),
                request.afterFailedAttempt && detail('afterFailedAttempt', t('intake.afterFailedAttempt'), t('common.yes')),
                detail('expectedResult', t('intake.expectedResult'), request.expectedResult, 'auto'),
                detail('helpSeekerKind', t('intake.helpSeekerKind'), t(`helpSeekerKind.${request.helpSeekerKind}`)),
                detail('mandatingBody', t('intake.mandatingBody'), request.mandatingBody),
                detail('serviceCategory', t('intake.serviceCategory'), request.serviceCategory),
                detail('region', t('intake.region'), request.region),
                detail(
                  'informedAt',
                  t('intake.informedAt'),
                  request.informedAt ? formatDateTime(request.informedAt, locale) : t('intake.notInformed'),
                ),
              ]}
            />
            {request.openedCase && (
              <p>
                {t('intake.caseHeldBy', {
                  number: request.openedCase.caseNumber,
                  worker: request.openedCase.responsibleName,
                  unit: request.openedCase.unitName,
                })}{' '}
                {request.openedCase.may.open && <Link to={`/cases/${request.openedCase.id}`}>{t('intake.openCase')}</Link>}
              </p>
            )}
          </Card>
          {request.screening && (
            <section aria-labelledby="request-screening" className="panel">
              <h2 id="request-screening">{t('screening.title')}</h2>
              <p>{request.screening.inScope ? t('screening.inScope') : t('screening.outOfScope')}</p>
              <ul>
                {request.screening.findings.map((f, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: findings are read-only and a code may repeat
                  <li key={`${f.code}-${index}`}>
                    {t(`screening.finding.${f.code}`, { value: f.value ?? '', defaultValue: f.value ? `${f.code}: ${f.value}` : f.code })}
                  </li>
                ))}
              </ul>
              <p>
                {t('screening.suggestion', {
                  priority: t(`priority.${request.screening.suggestedPriority}`),
                  outcome: t(`decision.kind.${request.screening.suggestedOutcome}`),
                })}
              </p>
            </section>
          )}
          {person && (
            <section aria-labelledby="request-person-details" className="panel">
              <h2 id="request-person-details">{t('intake.personDetails')}</h2>
              {editingPerson ? (
                <>
                  <PersonForm
                    key={person.version}
                    person={person}
                    onSaved={(saved) => {
                      showPerson(saved);
                      setEditingPerson(false);
                      setMessage(t('intake.personSaved', { name: `${saved.givenName} ${saved.familyName}` }));
                    }}
                    onReload={() => loadPerson(person.id)}
                  />
                  <button type="button" className="button button--secondary" onClick={() => setEditingPerson(false)}>
                    {t('common.cancel')}
                  </button>
                </>
              ) : (
                permissions.includes('persons.update') && (
                  <button type="button" className="button button--secondary" onClick={() => setEditingPerson(true)}>
                    {t('intake.editPerson', { name: personName })}
                  </button>
                )
              )}
            </section>
          )}
          {request.status === 'open' && !request.personId && permissions.includes('requests.create') && (
            <section aria-labelledby="request-link-person" className="panel">
              <h2 id="request-link-person">{t('intake.linkPerson')}</h2>
              <PersonPicker onChosen={(person) => linkPerson(person.id, person.name)} />
            </section>
          )}
          {permissions.includes('requests.decide') && (
            <section aria-labelledby="request-decision" className="panel">
              <h2 id="request-decision">{request.status === 'open' ? t('decision.title') : t('decision.reopenTitle')}</h2>
              <DecisionPanel
                key={`${request.status}-${request.version}`}
                request={request}
                onDecided={(updated: IntakeRequest) => {
                  loaded.set(updated);
                  setGeneration((g) => g + 1);
                  setMessage(t(`decision.done.${updated.status}`));
                }}
              />
            </section>
          )}
          {referrals.length > 0 && (
            <section aria-labelledby="request-referrals" className="panel">
              <h2 id="request-referrals">{t('referral.title')}</h2>
              <ul className="plain-list">
                {referrals.map((r) => (
                  <li key={r.id} className="candidate">
                    <p>
                      <strong>{r.organisationName}</strong> – {t(`referralReason.${r.reason}`)}
                    </p>
                    {r.reasonText && <p>{r.reasonText}</p>}
                    <p>{t('referral.followUp', { time: formatDateTime(r.followUpDueAt, locale) })}</p>
                    <p>
                      <a href={requestApi.letterUrl(r.id)} target="_blank" rel="noopener" className="standalone-link">
                        {t('referral.letter', { language: t(`languageName.${r.letterLanguage}`, { defaultValue: r.letterLanguage }) })}{' '}
                        {t('common.opensInNewTab')}
                      </a>
                    </p>
                    {r.arrivalConfirmedAt ? (
                      <p>
                        {t('referral.arrivalRecorded', { time: formatDateTime(r.arrivalConfirmedAt, locale) })}
                        {r.arrivalNote ? ` – ${r.arrivalNote}` : ''}
                      </p>
                    ) : (
                      <fieldset className="field fieldset">
                        <legend className="field__label">{t('referral.arrivedQuestion', { name: r.organisationName })}</legend>
                        <TextField
                          id={`arrival-note-${r.id}`}
                          label={t('referral.note')}
                          value={arrivalNotes[r.id] ?? ''}
                          onChange={(e) => setArrivalNotes((notes) => ({ ...notes, [r.id]: e.target.value }))}
                        />
                        <div className="button-row">
                          <button type="button" className="button button--secondary button--small" onClick={() => arrival(r, true)}>
                            {t('referral.arrived')}
                          </button>
                          <button type="button" className="button button--secondary button--small" onClick={() => arrival(r, false)}>
                            {t('referral.notArrived')}
                          </button>
                        </div>
                      </fieldset>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="request-history" className="panel">
            <h2 id="request-history">{t('decision.history')}</h2>
            {decisions.length === 0 ? (
              <p>{t('decision.noHistory')}</p>
            ) : (
              <ol>
                {decisions.map((d) => (
                  <li key={d.id}>
                    {formatDateTime(d.decidedAt, locale)} – {t(`decision.kind.${d.decision}`)} – {d.decidedByName ?? ''}
                    {d.reason ? `: ${d.reason}` : ''}
                    {d.informationGiven ? `: ${d.informationGiven}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="request-interview" className="panel">
            <h2 id="request-interview">{t('interview.title')}</h2>
            {interviews.map((i) => (
              <p key={i.id}>{t('interview.heldAt', { time: formatDateTime(i.heldAt, locale) })}</p>
            ))}
            {permissions.includes('requests.create') ? (
              <InterviewForm
                key={request.id}
                requestId={request.id}
                interview={interviews[0] ?? null}
                onSaved={(saved) => setInterviews((list) => [saved, ...list.filter((i) => i.id !== saved.id)])}
              />
            ) : (
              <InterviewView interview={interviews[0] ?? null} />
            )}
          </section>
        </>
      )}
    </Page>
  );
}
