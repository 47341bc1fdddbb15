import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context.tsx';
import { Page } from '../../ui/page.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type CaseOverview, type CaseRecord, caseApi } from './case-api.ts';
import { CaseHeader, CaseSections } from './case-header.tsx';
import { EmergencyAccessForm } from './emergency-access-form.tsx';

/** What a page of a case gets besides the case: the whole overview read, and a way to show a changed case at once. */
export interface CaseFrameParts {
  overview: CaseOverview;
  /** Shows the case as a change returned it (its stage, say) without reading everything again. */
  setCase: (record: CaseRecord) => void;
}

/**
 * A page under /cases/:id/…: reads the case overview once (GET /cases/:id/overview: one audited
 * statement), shows the case header and the case's sections above the page's title, and the
 * children once the case is there (or says it is not available); they may reload the case when
 * they changed it.
 */
export function CaseFrame({
  caseId,
  title,
  children,
}: {
  caseId: string;
  title: (caseNumber: string) => string;
  children: (record: CaseRecord, reloadCase: () => void, parts: CaseFrameParts) => ReactNode;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const loaded = useLoad(() => caseApi.overview(caseId), `case-overview:${caseId}`);
  const overview = loaded.data;
  const record = overview?.case;
  return (
    <Page
      title={record ? title(record.caseNumber) : t('case.titleLoading')}
      before={
        overview && (
          <>
            <CaseHeader overview={overview} />
            <CaseSections caseId={overview.case.id} />
          </>
        )
      }
    >
      {loaded.error && (loaded.error.status === 404 || loaded.error.status === 403) ? (
        <>
          <p role="alert" className="notice notice--error">
            {t('case.notAvailable')}
          </p>
          {loaded.error.status === 404 && session?.permissions.includes('casework.read') && (
            <EmergencyAccessForm caseId={caseId} onOpened={loaded.reload} />
          )}
        </>
      ) : (
        <LoadStatus loaded={loaded} />
      )}
      {overview &&
        record &&
        children(record, loaded.reload, {
          overview,
          setCase: (changed) => loaded.set({ ...overview, case: changed }),
        })}
    </Page>
  );
}
