import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatDateTime, formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { ActionForm } from '../cases/action-form.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type Assessment, assessmentApi, type Need } from './assessment-api.ts';
import { ComparisonTable, ScoreChart, useAssessmentName } from './assessment-comparison.tsx';
import { AssessmentForm } from './assessment-form.tsx';
import { NeedsPanel } from './needs-panel.tsx';
import { PersonResponse } from './person-response.tsx';

/** A completed assessment as it was recorded (its domains are in the comparison table). */
function AssessmentDetails({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows: [string, string][] = [
    [t('assessment.assessedOn'), formatDate(a.assessedOn, locale)],
    [t('assessment.completedAt'), formatDateTime(a.completedAt, locale)],
    [
      t('assessment.sources'),
      formatList(
        a.sources.map((s) => t(`assessment.source.${s}`)),
        locale,
      ),
    ],
    [t('assessment.otherSources'), a.otherSources],
    [t('assessment.analysisCauses'), a.analysisCauses],
    [t('assessment.analysisNature'), a.analysisNature],
    [t('assessment.analysisDegree'), a.analysisDegree],
    [t('assessment.personView'), a.personView],
  ];
  return (
    <>
      <dl className="details-list">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <p className="field__hint">{t('assessment.domainsInComparison')}</p>
    </>
  );
}

/** /cases/:id/assessments – the needs assessment and re-assessments, compared side by side and over time. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const name = useAssessmentName();
  const loaded = useLoad(() => assessmentApi.list(id).then((r) => r.items), `assessments:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const [startingReassessment, setStartingReassessment] = useState(false);
  const assessments = loaded.data ?? [];
  const hasDraft = assessments.some((a) => a.status === 'draft');

  const put = (a: Assessment, text: string) => {
    loaded.set(assessments.some((x) => x.id === a.id) ? assessments.map((x) => (x.id === a.id ? a : x)) : [...assessments, a]);
    setMessage(text);
  };
  const putNeed = (n: Need) => {
    loaded.set(
      assessments.map((a) =>
        a.id !== n.assessmentId
          ? a
          : {
              ...a,
              needs: a.needs.some((x) => x.id === n.id) ? a.needs.map((x) => (x.id === n.id ? n : x)) : [...a.needs, n],
            },
      ),
    );
    setMessage(t('need.saved'));
  };

  return (
    <CaseFrame caseId={id} title={(number) => t('assessment.pageTitle', { number })}>
      {(record) => (
        <>
          <StatusMessage message={message} />
          <LoadStatus loaded={loaded} />
          {assessments.length > 0 && (
            <section aria-labelledby="assessment-comparison" className="panel">
              <h2 id="assessment-comparison">{t('assessment.comparison')}</h2>
              <ComparisonTable assessments={assessments} />
              <h3>{t('assessment.chartTitle')}</h3>
              <ScoreChart assessments={assessments} />
            </section>
          )}
          {[...assessments].reverse().map((a) => (
            <section key={a.id} aria-labelledby={`assessment-${a.id}`} className={`panel${a.status === 'draft' ? ' panel--edit' : ''}`}>
              <h2 id={`assessment-${a.id}`}>
                {name(a)} <StatusTag kind={a.status === 'draft' ? 'draft' : 'done'}>{t(`assessment.status.${a.status}`)}</StatusTag>
              </h2>
              {a.status === 'draft' && record.may.work ? (
                <>
                  <AssessmentForm
                    key={a.version}
                    caseId={record.id}
                    assessment={a}
                    kind={a.kind}
                    onSaved={(saved) => put(saved, t('assessment.saved'))}
                  />
                  <h3>{t('assessment.completeTitle')}</h3>
                  <ActionForm
                    idPrefix={`complete-${a.id}`}
                    hint={t('assessment.completeHint')}
                    label={t('assessment.complete')}
                    action={async () => put(await assessmentApi.complete(a.id, a.version), t('assessment.completed'))}
                  />
                </>
              ) : (
                <AssessmentDetails assessment={a} />
              )}
              <h3>{t('need.title')}</h3>
              <NeedsPanel assessmentId={a.id} mayWork={record.may.work} needs={a.needs} onChange={putNeed} />
              <h3>{t('assessment.responseTitle')}</h3>
              <PersonResponse
                key={a.version}
                assessment={a}
                mayWork={record.may.work}
                onSaved={(saved) => put(saved, t('assessment.responseSaved'))}
              />
            </section>
          ))}
          {loaded.data && !hasDraft && record.may.work && (
            <section aria-labelledby="assessment-new" className="panel panel--edit">
              <h2 id="assessment-new">{assessments.length === 0 ? t('assessment.startTitle') : t('assessment.startReassessment')}</h2>
              {assessments.length === 0 || startingReassessment ? (
                <AssessmentForm
                  caseId={record.id}
                  assessment={null}
                  kind={assessments.length === 0 ? 'initial' : 'reassessment'}
                  onSaved={(saved) => {
                    setStartingReassessment(false);
                    put(saved, t('assessment.started'));
                  }}
                />
              ) : (
                <button type="button" className="button button--secondary" onClick={() => setStartingReassessment(true)}>
                  {t('assessment.startReassessment')}
                </button>
              )}
            </section>
          )}
        </>
      )}
    </CaseFrame>
  );
}
