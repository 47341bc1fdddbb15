import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { DraftExistsNotice, existingDraftId } from './draft-exists.tsx';
import { questionnaireApi } from './questionnaire-api.ts';
import { TemplateEditor } from './template-editor.tsx';
import { TemplateView } from './template-view.tsx';

/** One version of a template: a draft is edited and published, a published version read, exported and made into a new draft. */
function TemplateVersion({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const arrived = (useLocation().state as { message?: string } | null)?.message ?? null;
  const loaded = useLoad(() => questionnaireApi.template(id), `questionnaire-template:${id}`);
  const record = loaded.data;
  const [message, setMessage] = useState<string | null>(arrived);
  const [draftId, setDraftId] = useState<string | null>(null);
  const form = useForm('new-version');

  const newVersion = () =>
    void form.submit(async () => {
      if (!record) return;
      try {
        const draft = await questionnaireApi.create(record.definition);
        await navigate(`/admin/questionnaires/${draft.id}`, {
          state: { message: t('questionnaires.versionCreated', { version: draft.templateVersion }) },
        });
      } catch (error) {
        const existing = existingDraftId(error);
        setDraftId(existing);
        if (!existing) throw error;
      }
    });

  return (
    <Page
      title={
        record ? t('questionnaires.versionTitle', { title: record.title, version: record.templateVersion }) : t('questionnaires.title')
      }
    >
      <p>
        <Link to="/admin/questionnaires" className="standalone-link">
          {t('questionnaires.backToList')}
        </Link>
      </p>
      <StatusMessage message={message} />
      <LoadStatus loaded={loaded} />
      {record && (
        <>
          <ErrorSummary form={form} labels={{}} />
          <DraftExistsNotice draftId={draftId} />
          <div className="button-row q-actions">
            <a
              href={questionnaireApi.fhirUrl(record.id)}
              download={`${record.key}-${record.templateVersion}.fhir.json`}
              className="button button--secondary"
            >
              {t('questionnaires.exportFhir')}
            </a>
            {record.status === 'published' && (
              <button type="button" className="button button--primary" disabled={form.submitting} onClick={newVersion}>
                {t('questionnaires.newVersion')}
              </button>
            )}
          </div>
          {record.status === 'draft' ? (
            <TemplateEditor
              record={record}
              onSaved={() => setMessage(t('questionnaires.saved'))}
              onPublished={(published) => {
                loaded.set(published);
                setMessage(t('questionnaires.publishedMessage', { version: published.templateVersion }));
              }}
            />
          ) : (
            <TemplateView record={record} />
          )}
        </>
      )}
    </Page>
  );
}

/** /admin/questionnaires/:id */
export function TemplatePage() {
  const { id = '' } = useParams();
  return <TemplateVersion key={id} id={id} />;
}
