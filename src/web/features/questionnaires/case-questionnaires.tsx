import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SubmitButton } from '../../ui/buttons.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type QuestionnaireResponse, questionnaireApi, type TemplateSummary } from './questionnaire-api.ts';
import { flagName, scoreText } from './response-results.tsx';

/** Choosing a published questionnaire and starting to fill it in. */
function StartForm({ caseId, templates }: { caseId: string; templates: TemplateSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm('start-questionnaire');
  const [templateId, setTemplateId] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!templateId) {
      form.fail({ templateId: t('validation.required') });
      return;
    }
    void form.submit(async () => {
      const started = await questionnaireApi.start(caseId, templateId);
      await navigate(`/cases/${caseId}/questionnaires/${started.id}`);
    });
  };
  return (
    <>
      <ErrorSummary form={form} labels={{ templateId: t('questionnaires.chooseTemplate') }} />
      <form noValidate onSubmit={onSubmit} className="form inline-form">
        <SelectField
          {...form.field('templateId')}
          label={t('questionnaires.chooseTemplate')}
          value={templateId}
          onChange={(e) => setTemplateId(e.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.title}
            </option>
          ))}
        </SelectField>
        <SubmitButton submitting={form.submitting}>{t('questionnaires.fillIn')}</SubmitButton>
      </form>
    </>
  );
}

function ResponseRow({ caseId, response, title }: { caseId: string; response: QuestionnaireResponse; title: string }) {
  const { t } = useTranslation();
  const scores = (response.scores ?? []).map((score) => scoreText(score, null, t));
  return (
    <tr>
      <th scope="row">
        <Link to={`/cases/${caseId}/questionnaires/${response.id}`}>{title}</Link>
      </th>
      <td>{response.templateVersion}</td>
      <td>{t(`questionnaires.responseStatus.${response.status}`)}</td>
      <td>{scores.map((s) => `${s.label}: ${s.value}`).join('; ')}</td>
      <td>{response.flags.map((f) => flagName(f, t)).join(', ')}</td>
    </tr>
  );
}

/** The case's questionnaires – scores, bands and flags at a glance – and filling in another. */
export function CaseQuestionnaires({
  caseId,
  mayWork,
}: {
  caseId: string /** The case's `may.work`: whether to offer filling in another. */;
  mayWork: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const responses = useLoad(() => questionnaireApi.responses(caseId), `questionnaire-responses:${caseId}`);
  const published = useLoad(
    () => questionnaireApi.templates({ status: 'published', language: locale }),
    `published-questionnaires:${locale}`,
  );
  const items = responses.data?.items ?? [];
  const templates = published.data?.items ?? [];
  // In the reader's language: the answered version's title, else (a version since replaced) the published one's of the same key.
  const titleOf = (r: QuestionnaireResponse) =>
    (templates.find((tpl) => tpl.id === r.templateId) ?? templates.find((tpl) => tpl.key === r.templateKey))?.title ?? r.templateTitle;
  return (
    <section aria-labelledby="case-questionnaires" className="panel">
      <h2 id="case-questionnaires">{t('questionnaires.caseTitle')}</h2>
      <LoadStatus loaded={responses} />
      {responses.data && items.length === 0 && <EmptyState title={t('questionnaires.noneOnCase')} />}
      {items.length > 0 && (
        <TableWrap label={t('questionnaires.caseTableLabel')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('questionnaires.questionnaire')}</th>
                <th scope="col">{t('questionnaires.version')}</th>
                <th scope="col">{t('questionnaires.status')}</th>
                <th scope="col">{t('questionnaires.scores')}</th>
                <th scope="col">{t('questionnaires.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <ResponseRow key={r.id} caseId={caseId} response={r} title={titleOf(r)} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {mayWork && templates.length > 0 && <StartForm caseId={caseId} templates={templates} />}
    </section>
  );
}
