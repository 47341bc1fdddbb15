import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../session/session-context.tsx';
import { Page } from '../../ui/page.tsx';
import { LoadError } from './load-status.tsx';
import { useLoad } from './use-load.ts';
import { workApi } from './work-api.ts';
import {
  ConsentsEndingSection,
  ContactFollowUpsSection,
  ContactsSection,
  JournalDraftsSection,
  NewCasesSection,
  PlanReviewsSection,
  ReferralFollowUpsSection,
  RequestsSection,
  StepsSection,
  UrgentCasesSection,
} from './work-lists.tsx';

/**
 * /today: what needs doing today or is late – urgent cases and those with a crisis flag, the
 * day's contacts and no-show follow-ups, new cases, plan steps and plan reviews, requests and
 * referral follow-ups – each linking to where the work is done. "Today" and the times are the
 * agency's (its time zone setting), not the browser's. The home page shows the same lists, beside
 * the rest of the reader's work.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const { agencyTimeZone } = useSignedInSession();
  const today = useLoad(() => workApi.today(), 'today');
  const data = today.error ? null : today.data;
  return (
    <Page title={t('today.title')}>
      <p className="field__hint">{t('today.timeZone', { zone: agencyTimeZone })}</p>
      <LoadError loaded={today} />
      {!today.error && (
        <>
          <UrgentCasesSection items={data?.urgentCases ?? null} />
          {(!data || data.holdsCases) && (
            <>
              <ContactsSection items={data?.contacts ?? null} />
              <ContactFollowUpsSection items={data?.contactFollowUps ?? null} />
              <NewCasesSection items={data?.newCases ?? null} />
              <StepsSection items={data?.steps ?? null} />
              <PlanReviewsSection items={data?.planReviews ?? null} />
              <JournalDraftsSection items={data?.journalDrafts ?? null} />
              <ConsentsEndingSection items={data?.consentsEnding ?? null} />
            </>
          )}
          <RequestsSection items={data?.requests ?? null} />
          <ReferralFollowUpsSection items={data?.referralFollowUps ?? null} />
        </>
      )}
    </Page>
  );
}
