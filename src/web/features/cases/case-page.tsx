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
import { useForm } from '../../ui/use-form.ts';
import { CaseQuestionnaires } from '../questionnaires/case-questionnaires.tsx';
import { CrisisBanner } from '../questionnaires/crisis-banner.tsx';
import { AgreementPanel } from './agreement-panel.tsx';
import { type CaseOverview, type CaseRecord, type CaseStage, caseApi, type ServiceAgreement } from './case-api.ts';
import { CaseFrame } from './case-frame.tsx';
import { CaseActions, LatestAssessment, OpenDeadlines, PlanInForce, PresentingProblem } from './case-overview-panels.tsx';
import { ReassignForm } from './reassign-form.tsx';

/** Moving the case to another stage: only to the stages the server says this user may move it to now. */
function StageForm({ record, onMoved }: { record: CaseRecord; onMoved: (record: CaseRecord) => void }) {
  const { t } = useTranslation();
  const form = useForm('stage');
  const [target, setTarget] = useState<CaseStage | ''>('');
  const [reason, setReason] = useState('');
  // The server says where this user may move the case now; the stage rules say which moves need a reason.
  const moves = record.may.changeStageTo;
  const reasonRequired = target ? (findTransition(record.stage, target)?.reasonRequired ?? false) : false;
  const onMove = (event: FormEvent) => {
    event.preventDefault();
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
      setTarget('');
      setReason('');
      onMoved(updated);
    });
  };
  return (
    <section aria-labelledby="case-stage" className="panel">
      <h2 id="case-stage" tabIndex={-1}>
        {t('case.moveTitle')}
      </h2>
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
  );
}

/** The case's open crisis, at the top of its overview until it is closed, with the way to it. */
function OpenCrisisNotice({ caseId, crisis }: { caseId: string; crisis: NonNullable<CaseOverview['openCrisis']> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section aria-labelledby="case-crisis" className="notice notice--error">
      <h2 id="case-crisis">{t('crisis.currentTitle')}</h2>
      <p>{t(`crisis.noticeFrom.${crisis.source}`, { time: formatDateTime(crisis.openedAt, locale) })}</p>
      <p>
        <Link to={`/cases/${encodeURIComponent(caseId)}/crisis`} className="standalone-link">
          {t('crisis.goTo')}
        </Link>
      </p>
    </section>
  );
}

/**
 * /cases/:id – the case's overview, under the case header: what the person came with, the plan in
 * force and its next steps, the open deadlines and what this user may do; then the latest
 * assessment, moving the stage, reassigning, questionnaires and the service agreements.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [agreements, setAgreements] = useState<ServiceAgreement[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    caseApi
      .agreements(id)
      .then((r) => setAgreements(r.items))
      .catch(() => undefined);
  }, [id]);

  return (
    <CaseFrame caseId={id} title={(number) => t('case.title', { number })}>
      {(record, reloadCase, { overview, setCase }) => (
        <>
          <StatusMessage message={message} />
          {overview.openCrisis ? (
            <OpenCrisisNotice caseId={record.id} crisis={overview.openCrisis} />
          ) : (
            <CrisisBanner record={record} onCleared={setCase} />
          )}
          <div className="case-overview">
            <PresentingProblem overview={overview} />
            <PlanInForce overview={overview} />
            <OpenDeadlines overview={overview} />
            <CaseActions overview={overview} />
          </div>
          <LatestAssessment overview={overview} />
          {record.may.changeStageTo.length > 0 && (
            <StageForm
              record={record}
              onMoved={(updated) => {
                setCase(updated);
                setMessage(t('case.stageMoved', { stage: t(`caseStage.${updated.stage}`) }));
              }}
            />
          )}
          {record.may.reassign && (
            <section aria-labelledby="case-reassign" className="panel">
              <h2 id="case-reassign" tabIndex={-1}>
                {t('case.reassignTitle')}
              </h2>
              <ReassignForm
                record={record}
                onReassigned={(updated, name) => {
                  setCase(updated);
                  // The header names the new responsible worker: read it again.
                  reloadCase();
                  setMessage(t('case.reassigned', { name }));
                }}
              />
            </section>
          )}
          <CaseQuestionnaires caseId={record.id} mayWork={record.may.work} />
          <section aria-labelledby="case-agreements" className="panel">
            <h2 id="case-agreements" tabIndex={-1}>
              {t('agreement.title')}
            </h2>
            <AgreementPanel
              caseId={record.id}
              mayCreate={record.may.work}
              agreements={agreements}
              onChange={(a) => {
                setAgreements((list) => (list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [a, ...list]));
                // The header says where the case stands with its agreement.
                reloadCase();
                setMessage(t('agreement.saved'));
              }}
            />
          </section>
        </>
      )}
    </CaseFrame>
  );
}
