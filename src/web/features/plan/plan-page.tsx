import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { signPlanBody } from '../../../areas/plan/plan.contract.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { useForm } from '../../ui/use-form.ts';
import { assessmentApi } from '../assessment/assessment-api.ts';
import { ActionForm } from '../cases/action-form.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { SignatureForm } from '../cases/signature-form.tsx';
import { VouchersPanel } from '../voucher/vouchers-panel.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { draftApi } from '../work/work-api.ts';
import { planApi, type ServicePlan } from './plan-api.ts';
import { PlanEditor } from './plan-editor.tsx';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { PlanView } from './plan-view.tsx';
import { StepsPanel } from './steps-panel.tsx';
import { VersionsPanel } from './versions-panel.tsx';

/** Starts the first plan, or a new version of the active one with the reason for the change. */
function StartForm({ caseId, changing, onStarted }: { caseId: string; changing: boolean; onStarted: (plan: ServicePlan) => void }) {
  const { t } = useTranslation();
  const form = useForm(changing ? 'plan-change' : 'plan-start');
  const [reason, setReason] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (changing && reason.trim().length < 3) {
      form.fail({ changeReason: reason.trim() ? t('validation.tooShort', { count: 3 }) : t('validation.required') });
      return;
    }
    void form.submit(async () => onStarted(await planApi.create(caseId, changing ? { changeReason: reason.trim() } : {})));
  };
  return (
    <>
      <ErrorSummary form={form} labels={{ changeReason: t('plan.field.changeReason') }} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        {changing && (
          <TextAreaField
            {...form.field('changeReason')}
            label={t('plan.field.changeReason')}
            hint={t('plan.changeHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <SubmitButton submitting={form.submitting}>{changing ? t('plan.change') : t('plan.start')}</SubmitButton>
      </form>
    </>
  );
}

/** /cases/:id/plan – the service plan: drafting, signing, progress on its steps, versions and their changes. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { permissions } = useSignedInSession();
  const may = (permission: (typeof permissions)[number]) => permissions.includes(permission);
  const plans = useLoad(() => planApi.list(id).then((r) => r.items), `plans:${id}`);
  const needs = useLoad(() => assessmentApi.needs(id).then((r) => r.items), `needs:${id}`);
  const steps = useLoad(() => planApi.steps(id).then((r) => r.items), `steps:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const messageBox = useRef<HTMLDivElement>(null);
  const list = plans.data ?? [];
  const open = list.find((p) => p.status === 'draft' || p.status === 'awaiting_signature');
  const active = list.find((p) => p.status === 'active');
  const needList = needs.data ?? [];

  return (
    <CaseFrame caseId={id} title={(number) => t('plan.pageTitle', { number })}>
      {(record, reloadCase) => {
        /** A plan saved, started, put to the person or signed; a message about it moves focus to the top, where it is shown. */
        const put = (plan: ServicePlan, text: string | null) => {
          if (plan.status === 'active') {
            // A signed version supersedes the one before and its steps are tracked; the case may have moved on.
            plans.reload();
            steps.reload();
            reloadCase();
          } else {
            plans.set(list.some((p) => p.id === plan.id) ? list.map((p) => (p.id === plan.id ? plan : p)) : [plan, ...list]);
          }
          setMessage(text);
          if (text) requestAnimationFrame(() => messageBox.current?.focus());
        };
        // Drafting, signing, progress and new versions: only where the server says this user may work on the case.
        const mayWork = record.may.work;
        return (
          <>
            <div ref={messageBox} tabIndex={-1} className="plan-message">
              <StatusMessage message={message} />
            </div>
            <LoadStatus loaded={plans} />
            {plans.data && !open && !active && mayWork && (
              <section aria-labelledby="plan-start" className="panel">
                <h2 id="plan-start">{t('plan.startTitle')}</h2>
                <p>{t('plan.startHint')}</p>
                {needs.data && needList.length === 0 && (
                  <p className="notice notice--warning">
                    {t('plan.noNeeds')} <Link to={`/cases/${record.id}/assessments`}>{t('case.assessmentsLink')}</Link>
                  </p>
                )}
                <StartForm caseId={record.id} changing={false} onStarted={(plan) => put(plan, t('plan.started'))} />
              </section>
            )}
            {open && (
              <section aria-labelledby="plan-open" className="panel panel--edit">
                <h2 id="plan-open">
                  {t('plan.versions.versionN', { n: open.planVersion })} <PlanStatusTag status={open.status} />
                </h2>
                {open.status === 'draft' && mayWork ? (
                  <PlanEditor key={open.id} plan={open} needs={needList} onSaved={put} />
                ) : open.status === 'draft' || !mayWork ? (
                  <PlanView plan={open} needs={needList} />
                ) : (
                  <>
                    <PlanView plan={open} needs={needList} />
                    <h3>{t('plan.signTitle')}</h3>
                    <p>{t('plan.missing', { signers: open.missingSignatures.map((s) => t(`signature.signerName.${s}`)).join(', ') })}</p>
                    <SignatureForm
                      key={open.version}
                      idPrefix={`plan-sign-${open.id}`}
                      signers={open.missingSignatures}
                      schema={signPlanBody}
                      version={open.version}
                      onSubmit={async (body) => put(await planApi.sign(open.id, body), t('plan.signed'))}
                    />
                    <h3>{t('plan.reopenTitle')}</h3>
                    <ActionForm
                      idPrefix={`plan-reopen-${open.id}`}
                      hint={t('plan.reopenHint')}
                      label={t('plan.reopen')}
                      action={async () => put(await planApi.reopen(open.id, open.version), t('plan.reopened'))}
                    />
                  </>
                )}
                {mayWork && (
                  <>
                    <h3>{t('plan.discardTitle')}</h3>
                    <ActionForm
                      idPrefix={`plan-discard-${open.id}`}
                      hint={active ? t('plan.discardHintChange') : t('plan.discardHint')}
                      label={t('plan.discard')}
                      action={async () => {
                        await planApi.discard(open.id, open.version);
                        await draftApi.remove(`plan:${open.id}`).catch(() => undefined);
                        plans.set(list.filter((p) => p.id !== open.id));
                        setMessage(t('plan.discarded'));
                      }}
                    />
                  </>
                )}
              </section>
            )}
            {active && (
              <>
                <section aria-labelledby="plan-active" className="panel">
                  <h2 id="plan-active">{t('plan.activeTitle', { n: active.planVersion })}</h2>
                  <PlanView plan={active} needs={needList} />
                </section>
                <section aria-labelledby="plan-steps" className="panel">
                  <h2 id="plan-steps">{t('plan.progress.title')}</h2>
                  <LoadStatus loaded={steps} />
                  {steps.data && (
                    <StepsPanel
                      caseId={record.id}
                      mayWork={mayWork}
                      steps={steps.data}
                      onSaved={(step) => {
                        steps.set(steps.data!.map((s) => (s.stepId === step.stepId ? step : s)));
                        setMessage(t('plan.progress.saved'));
                      }}
                    />
                  )}
                </section>
                <section aria-labelledby="plan-vouchers" className="panel">
                  <h2 id="plan-vouchers">{t('voucher.title')}</h2>
                  <p>{t('voucher.intro')}</p>
                  <VouchersPanel caseId={record.id} plan={active.content} mayWork={mayWork && may('vouchers.issue')} />
                </section>
                {!open && mayWork && (
                  <section aria-labelledby="plan-change" className="panel">
                    <h2 id="plan-change">{t('plan.changeTitle')}</h2>
                    <StartForm caseId={record.id} changing onStarted={(plan) => put(plan, t('plan.changeStarted'))} />
                  </section>
                )}
              </>
            )}
            {list.length > 0 && (
              <section aria-labelledby="plan-versions" className="panel">
                <h2 id="plan-versions">{t('plan.versions.title')}</h2>
                <VersionsPanel plans={list} needs={needList} />
              </section>
            )}
          </>
        );
      }}
    </CaseFrame>
  );
}
