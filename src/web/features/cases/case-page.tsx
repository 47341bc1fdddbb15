import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { findTransition } from '../../../areas/case/case.rules.ts';
import { formatDateTime } from '../../format.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { PriorityBadge } from '../intake/queue-page.tsx';
import { CaseQuestionnaires } from '../questionnaires/case-questionnaires.tsx';
import { CrisisBanner } from '../questionnaires/crisis-banner.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { AgreementPanel } from './agreement-panel.tsx';
import { type CaseStage, caseApi, type ServiceAgreement } from './case-api.ts';
import { CaseOverviewPanels } from './case-overview-panels.tsx';
import { ReassignForm } from './reassign-form.tsx';

/** /cases/:id – the case: number, person, stage (and moving it), service agreements. */
export function CasePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const loaded = useLoad(() => caseApi.get(id), `case:${id}`);
  const record = loaded.data;
  const [personName, setPersonName] = useState<string | null>(null);
  const [agreements, setAgreements] = useState<ServiceAgreement[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm('stage');
  const [target, setTarget] = useState<CaseStage | ''>('');
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!id) return;
    caseApi
      .agreements(id)
      .then((r) => setAgreements(r.items))
      .catch(() => undefined);
  }, [id]);

  // The server says where this user may move the case now; the stage rules say which moves need a reason.
  const moves = record?.may.changeStageTo ?? [];
  const reasonRequired = record && target ? (findTransition(record.stage, target)?.reasonRequired ?? false) : false;

  const onMove = (event: FormEvent) => {
    event.preventDefault();
    if (!record) return;
    if (!target) {
      form.fail({ stage: t('validation.required') });
      return;
    }
    if (reasonRequired && reason.trim().length < 3) {
      form.fail({ reason: t('validation.required') });
      return;
    }
    void form.submit(async () => {
      const updated = await caseApi.changeStage(record.id, { stage: target, reason, version: record.version });
      loaded.set(updated);
      setTarget('');
      setReason('');
      setMessage(t('case.stageMoved', { stage: t(`caseStage.${updated.stage}`) }));
    });
  };

  return (
    <Page title={record ? t('case.title', { number: record.caseNumber }) : t('case.titleLoading')}>
      <StatusMessage message={message} />
      {loaded.error && (loaded.error.status === 404 || loaded.error.status === 403) ? (
        <p role="alert" className="notice notice--error">
          {t('case.notAvailable')}
        </p>
      ) : (
        <LoadStatus loaded={loaded} />
      )}
      {record && (
        <>
          <CrisisBanner record={record} onCleared={loaded.set} />
          <section aria-labelledby="case-summary" className="panel">
            <h2 id="case-summary">{t('case.summary')}</h2>
            <dl className="details-list">
              <dt>{t('case.person')}</dt>
              <dd>{personName ?? '…'}</dd>
              <dt>{t('case.stage')}</dt>
              <dd>{t(`caseStage.${record.stage}`)}</dd>
              <dt>{t('intake.priority')}</dt>
              <dd>
                <PriorityBadge priority={record.priority} />
              </dd>
              <dt>{t('case.openedAt')}</dt>
              <dd>{formatDateTime(record.openedAt, locale)}</dd>
              {record.closedAt && (
                <>
                  <dt>{t('case.closedAt')}</dt>
                  <dd>{formatDateTime(record.closedAt, locale)}</dd>
                </>
              )}
            </dl>
          </section>
          <CaseOverviewPanels caseId={record.id} onPerson={setPersonName} />
          <nav aria-labelledby="case-work" className="panel">
            <h2 id="case-work">{t('case.workTitle')}</h2>
            <ul className="plain-list">
              <li>
                <Link to={`/cases/${record.id}/assessments`} className="standalone-link">
                  {t('case.assessmentsLink')}
                </Link>
              </li>
              <li>
                <Link to={`/cases/${record.id}/decisions`} className="standalone-link">
                  {t('case.decisionsLink')}
                </Link>
              </li>
              <li>
                <Link to={`/cases/${record.id}/plan`} className="standalone-link">
                  {t('case.planLink')}
                </Link>
              </li>
            </ul>
          </nav>
          {moves.length > 0 && (
            <section aria-labelledby="case-stage" className="panel">
              <h2 id="case-stage">{t('case.moveTitle')}</h2>
              <ErrorSummary form={form} labels={{ stage: t('case.moveTo'), reason: t('case.reason') }} />
              <form noValidate onSubmit={onMove} className="form">
                <SelectField
                  {...form.field('stage')}
                  label={t('case.moveTo')}
                  value={target}
                  onChange={(e) => setTarget(e.target.value as CaseStage)}
                >
                  <option value="">{t('common.choose')}</option>
                  {moves.map((stage) => (
                    <option key={stage} value={stage}>
                      {t(`caseStage.${stage}`)}
                    </option>
                  ))}
                </SelectField>
                <TextAreaField
                  {...form.field('reason')}
                  label={t('case.reason')}
                  hint={reasonRequired ? t('case.reasonRequired') : undefined}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <SubmitButton submitting={form.submitting}>{t('case.move')}</SubmitButton>
              </form>
            </section>
          )}
          {record.may.reassign && (
            <section aria-labelledby="case-reassign" className="panel">
              <h2 id="case-reassign">{t('case.reassignTitle')}</h2>
              <ReassignForm
                record={record}
                onReassigned={(updated, name) => {
                  loaded.set(updated);
                  setMessage(t('case.reassigned', { name }));
                }}
              />
            </section>
          )}
          <CaseQuestionnaires caseId={record.id} mayWork={record.may.work} />
          <section aria-labelledby="case-agreements" className="panel">
            <h2 id="case-agreements">{t('agreement.title')}</h2>
            <AgreementPanel
              caseId={record.id}
              mayCreate={record.may.work}
              agreements={agreements}
              onChange={(a) => {
                setAgreements((list) => (list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [a, ...list]));
                setMessage(t('agreement.saved'));
              }}
            />
          </section>
        </>
      )}
    </Page>
  );
}
