import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../ui/page.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type CaseRecord, caseApi } from './case-api.ts';

/**
 * A page under /cases/:id/…: loads the case, titles the page with its number, links back to the
 * case, and shows the children once the case is there (or says it is not available); they may
 * reload the case when they changed it (its stage, say).
 */
export function CaseFrame({
  caseId,
  title,
  children,
}: {
  caseId: string;
  title: (caseNumber: string) => string;
  children: (record: CaseRecord, reloadCase: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const loaded = useLoad(() => caseApi.get(caseId), `case:${caseId}`);
  const record = loaded.data;
  return (
    <Page title={record ? title(record.caseNumber) : t('case.titleLoading')}>
      {loaded.error && (loaded.error.status === 404 || loaded.error.status === 403) ? (
        <p role="alert" className="notice notice--error">
          {t('case.notAvailable')}
        </p>
      ) : (
        <LoadStatus loaded={loaded} />
      )}
      {record && (
        <>
          <p>
            <Link to={`/cases/${record.id}`} className="standalone-link">
              {t('case.backTo', { number: record.caseNumber })}
            </Link>
            {' – '}
            {t('case.stageNow', { stage: t(`caseStage.${record.stage}`) })}
          </p>
          {children(record, loaded.reload)}
        </>
      )}
    </Page>
  );
}
