import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatList } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Page } from '../../ui/page.tsx';
import { PartnerInbox } from '../voucher/partner-inbox.tsx';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { workApi } from '../work/work-api.ts';
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
} from '../work/work-lists.tsx';
import { AuditSection, PlatformSection } from './guide-sections.tsx';
import { KeyFiguresSection } from './key-figures-section.tsx';
import { SetupChecklistSection } from './setup-checklist-section.tsx';
import { UnitSection } from './unit-section.tsx';

/**
 * The lists of the reader's day, from one read of Today: urgent cases first; then the requests
 * for those who decide on them (intake), after their own casework for everyone else. Their own
 * casework shows only to those who may hold cases.
 */
function WorkSections() {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const today = useLoad(() => workApi.today(), 'today');
  if (today.error) return <LoadError loaded={today} />;
  const data = today.data;
  const requests = (
    <RequestsSection
      items={data?.requests ?? null}
      actions={
        <>
          {permissions.includes('requests.create') && (
            <Link to="/intake/new" className="button button--primary">
              {t('home.newRequest')}
            </Link>
          )}
          <Link to="/intake" className="button button--secondary">
            {t('home.openQueue')}
          </Link>
        </>
      }
    />
  );
  const intakeFirst = permissions.includes('requests.decide');
  return (
    <>
      <UrgentCasesSection items={data?.urgentCases ?? null} />
      {intakeFirst && requests}
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
      {!intakeFirst && requests}
      <ReferralFollowUpsSection items={data?.referralFollowUps ?? null} />
    </>
  );
}

/**
 * "/": where staff land after signing in. Each section is what one of the reader's permissions
 * gives them, most pressing first – setting up and key figures, the unit's workload, urgent work,
 * requests, their own casework, follow-ups – and each reads the server once.
 */
export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user, permissions, agencyTimeZone } = useSignedInSession();
  const may = (permission: (typeof permissions)[number]) => permissions.includes(permission);
  const roles = formatList(
    user.roles.map((role) => t(`role.${role}`)),
    locale,
  );
  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <p>{t('home.roles', { roles, count: user.roles.length })}</p>
      {may('requests.read') && <p className="field__hint">{t('today.timeZone', { zone: agencyTimeZone })}</p>}
      {may('agencies.read') && <PlatformSection />}
      {may('agency.manage') && <SetupChecklistSection />}
      {may('reports.read') && <KeyFiguresSection />}
      {may('cases.assign') && <UnitSection agencyWide={may('reports.read')} />}
      {may('requests.read') && <WorkSections />}
      {may('vouchers.respond') && <PartnerInbox />}
      {may('audit.read') && <AuditSection />}
    </Page>
  );
}
