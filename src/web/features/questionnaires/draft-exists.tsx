import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';

/** The id of the draft that stopped a new version being made (only one draft per questionnaire), if that was the reason. */
export function existingDraftId(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'already_exists') return null;
  return error.fieldErrors.find((e) => e.code === 'draft_exists')?.message ?? null;
}

/** Says that a draft exists already, with a link to it. */
export function DraftExistsNotice({ draftId }: { draftId: string | null }) {
  const { t } = useTranslation();
  if (!draftId) return null;
  return (
    <div role="alert" className="notice notice--warning">
      <p>{t('questionnaires.draftExists')}</p>
      <Link to={`/admin/questionnaires/${draftId}`} className="standalone-link">
        {t('questionnaires.openDraft')}
      </Link>
    </div>
  );
}
