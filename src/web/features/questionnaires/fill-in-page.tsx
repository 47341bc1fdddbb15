import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Answers } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { AnswerForm } from './answer-form.tsx';
import { questionnaireApi } from './questionnaire-api.ts';
import { AnswersView, ResponseResults } from './response-results.tsx';

/** The questionnaire in the reader's language (the inline text where it has no translation), filled in or read. */
function Response({ responseId, mayWork }: { responseId: string; mayWork: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const responseLoad = useLoad(() => questionnaireApi.response(responseId), `questionnaire-response:${responseId}`);
  const response = responseLoad.data;
  const templateId = response?.templateId;
  const templateLoad = useLoad(
    async () => (templateId ? questionnaireApi.template(templateId, locale) : null),
    `questionnaire-template:${templateId}:${locale}`,
  );
  const template = templateLoad.data?.definition;
  const [completion, setCompletion] = useState<'now' | 'elsewhere' | null>(null);

  return (
    <>
      <LoadStatus loaded={responseLoad} />
      <LoadStatus loaded={templateLoad} />
      {response && template && (
        <>
          <h2>{t('questionnaires.versionTitle', { title: template.title, version: response.templateVersion })}</h2>
          {template.description && <p className="pre-wrap">{template.description}</p>}
          {response.status === 'completed' || !mayWork ? (
            <>
              {completion === 'now' && <Notice kind="success">{t('questionnaires.completed')}</Notice>}
              {completion === 'elsewhere' && <Notice>{t('questionnaires.completedElsewhere')}</Notice>}
              {response.status === 'completed' && (
                <ResponseResults response={response} template={template} announce={completion !== null} />
              )}
              <AnswersView template={template} answers={response.answers as Answers} />
            </>
          ) : (
            <AnswerForm
              key={response.id}
              response={response}
              template={template}
              onCompleted={(completed, justNow) => {
                setCompletion(justNow ? 'now' : 'elsewhere');
                responseLoad.set(completed);
              }}
            />
          )}
          {template.copyright && <p className="field__hint">{template.copyright}</p>}
        </>
      )}
    </>
  );
}

/** /cases/:caseId/questionnaires/:responseId */
export function FillInPage() {
  const { t } = useTranslation();
  const { caseId = '', responseId = '' } = useParams();
  return (
    <CaseFrame caseId={caseId} title={(number) => t('questionnaires.fillInTitle', { number })}>
      {(record) => <Response key={responseId} responseId={responseId} mayWork={record.may.work} />}
    </CaseFrame>
  );
}
