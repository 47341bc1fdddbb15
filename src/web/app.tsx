import { BrowserRouter, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/login-page.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { NotFoundPage } from './features/not-found-page.tsx';
import { AppShell } from './features/shell/app-shell.tsx';
import { LoadingScreen, RequirePermission, RequireSession } from './session/guards.tsx';
import { SessionProvider } from './session/session-context.tsx';
import { lazyPage, PageBoundary } from './ui/lazy-page.tsx';

// Each page is a chunk of its own, loaded when first shown; sign-in, home and the frame come with the app.
const AccountPage = lazyPage(() => import('./features/account/account-page.tsx'), 'AccountPage');
const AgencyPage = lazyPage(() => import('./features/admin/agency-page.tsx'), 'AgencyPage');
const AgreementTemplatesPage = lazyPage(() => import('./features/admin/agreement-templates-page.tsx'), 'AgreementTemplatesPage');
const MfaResetsPage = lazyPage(() => import('./features/admin/mfa-resets-page.tsx'), 'MfaResetsPage');
const PartnersPage = lazyPage(() => import('./features/admin/partners-page.tsx'), 'PartnersPage');
const CooperationPage = lazyPage(() => import('./features/admin/cooperation-page.tsx'), 'CooperationPage');
const DirectoryPage = lazyPage(() => import('./features/directory/directory-page.tsx'), 'DirectoryPage');
const PartnerInboxPage = lazyPage(() => import('./features/voucher/partner-inbox-page.tsx'), 'PartnerInboxPage');
const VouchersPage = lazyPage(() => import('./features/voucher/vouchers-page.tsx'), 'VouchersPage');
const PartnerStaffPage = lazyPage(() => import('./features/voucher/partner-staff-page.tsx'), 'PartnerStaffPage');
const PartnerVoucherPage = lazyPage(() => import('./features/voucher/partner-voucher-page.tsx'), 'PartnerVoucherPage');
const StaffPage = lazyPage(() => import('./features/admin/staff-page.tsx'), 'StaffPage');
const UnitsPage = lazyPage(() => import('./features/admin/units-page.tsx'), 'UnitsPage');
const AssessmentsPage = lazyPage(() => import('./features/assessment/assessments-page.tsx'), 'AssessmentsPage');
const AccessLogPage = lazyPage(() => import('./features/audit/access-log-page.tsx'), 'AccessLogPage');
const EmergencyAccessesPage = lazyPage(() => import('./features/audit/emergency-accesses-page.tsx'), 'EmergencyAccessesPage');
const ChainCheckPage = lazyPage(() => import('./features/audit/chain-check-page.tsx'), 'ChainCheckPage');
const SetupPage = lazyPage(() => import('./features/auth/setup-page.tsx'), 'SetupPage');
const ConsentFormsPage = lazyPage(() => import('./features/consent/consent-forms-page.tsx'), 'ConsentFormsPage');
const CaseSummaryPage = lazyPage(() => import('./features/consent/case-summary-page.tsx'), 'CaseSummaryPage');
const CasePage = lazyPage(() => import('./features/cases/case-page.tsx'), 'CasePage');
const ContactsPage = lazyPage(() => import('./features/contacts/contacts-page.tsx'), 'ContactsPage');
const WeekPage = lazyPage(() => import('./features/contacts/week-page.tsx'), 'WeekPage');
const CrisisPage = lazyPage(() => import('./features/crisis/crisis-page.tsx'), 'CrisisPage');
const SafetyPlanPage = lazyPage(() => import('./features/crisis/safety-plan-page.tsx'), 'SafetyPlanPage');
const DecisionsPage = lazyPage(() => import('./features/decisions/decisions-page.tsx'), 'DecisionsPage');
const JournalPage = lazyPage(() => import('./features/journal/journal-page.tsx'), 'JournalPage');
const NewRequestPage = lazyPage(() => import('./features/intake/new-request-page.tsx'), 'NewRequestPage');
const QueuePage = lazyPage(() => import('./features/intake/queue-page.tsx'), 'QueuePage');
const RequestPage = lazyPage(() => import('./features/intake/request-page.tsx'), 'RequestPage');
const CaseLifeStoryPage = lazyPage(() => import('./features/life-story/life-story-page.tsx'), 'CaseLifeStoryPage');
const PersonLifeStoryPage = lazyPage(() => import('./features/life-story/life-story-page.tsx'), 'PersonLifeStoryPage');
const LinkRequestsPage = lazyPage(() => import('./features/people/link-requests-page.tsx'), 'LinkRequestsPage');
const PersonPage = lazyPage(() => import('./features/people/person-page.tsx'), 'PersonPage');
const PlanPage = lazyPage(() => import('./features/plan/plan-page.tsx'), 'PlanPage');
const AgenciesPage = lazyPage(() => import('./features/platform/agencies-page.tsx'), 'AgenciesPage');
const PublicRequestPage = lazyPage(() => import('./features/public/public-request-page.tsx'), 'PublicRequestPage');
const FillInPage = lazyPage(() => import('./features/questionnaires/fill-in-page.tsx'), 'FillInPage');
const QuestionnairesPage = lazyPage(() => import('./features/questionnaires/questionnaires-page.tsx'), 'QuestionnairesPage');
const TemplatePage = lazyPage(() => import('./features/questionnaires/template-page.tsx'), 'TemplatePage');
const AlertsPage = lazyPage(() => import('./features/work/alerts-page.tsx'), 'AlertsPage');
const CaseloadPage = lazyPage(() => import('./features/work/caseload-page.tsx'), 'CaseloadPage');
const SearchPage = lazyPage(() => import('./features/work/search-page.tsx'), 'SearchPage');
const SuccessStoriesPage = lazyPage(() => import('./features/success-story/success-stories-page.tsx'), 'SuccessStoriesPage');
const TodayPage = lazyPage(() => import('./features/work/today-page.tsx'), 'TodayPage');
const UnitPage = lazyPage(() => import('./features/work/unit-page.tsx'), 'UnitPage');

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <PageBoundary fallback={<LoadingScreen />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/setup" element={<SetupPage />} />
            <Route path="/request" element={<PublicRequestPage />} />
            <Route element={<RequireSession />}>
              <Route element={<AppShell />}>
                <Route index element={<HomePage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="alerts" element={<AlertsPage />} />
                <Route element={<RequirePermission permission="staff.mfa_reset" />}>
                  <Route path="mfa-resets" element={<MfaResetsPage />} />
                </Route>
                <Route path="admin">
                  <Route element={<RequirePermission permission="agency.manage" />}>
                    <Route path="agency" element={<AgencyPage />} />
                    <Route path="agreement-templates" element={<AgreementTemplatesPage />} />
                    <Route path="consent-forms" element={<ConsentFormsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="units.manage" />}>
                    <Route path="units" element={<UnitsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="staff.manage" />}>
                    <Route path="staff" element={<StaffPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="partners.manage" />}>
                    <Route path="partners" element={<PartnersPage />} />
                    <Route path="partners/:id/agreements" element={<CooperationPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="questionnaires.manage" />}>
                    <Route path="questionnaires" element={<QuestionnairesPage />} />
                    <Route path="questionnaires/:id" element={<TemplatePage />} />
                  </Route>
                </Route>
                <Route path="platform" element={<RequirePermission permission="agencies.read" />}>
                  <Route path="agencies" element={<AgenciesPage />} />
                </Route>
                <Route path="audit" element={<RequirePermission permission="audit.read" />}>
                  <Route path="access" element={<AccessLogPage />} />
                  <Route path="verify" element={<ChainCheckPage />} />
                  <Route path="emergency" element={<EmergencyAccessesPage />} />
                </Route>
                <Route element={<RequirePermission permission="requests.read" />}>
                  <Route path="today" element={<TodayPage />} />
                  <Route path="intake" element={<QueuePage />} />
                  <Route path="intake/:id" element={<RequestPage />} />
                </Route>
                <Route element={<RequirePermission permission="requests.create" />}>
                  <Route path="intake/new" element={<NewRequestPage />} />
                </Route>
                <Route element={<RequirePermission permission="partner_staff.manage" />}>
                  <Route path="partner/staff" element={<PartnerStaffPage />} />
                </Route>
                <Route element={<RequirePermission permission="vouchers.respond" />}>
                  <Route path="partner" element={<PartnerInboxPage />} />
                  <Route path="partner/vouchers/:id" element={<PartnerVoucherPage />} />
                </Route>
                <Route element={<RequirePermission permission="partners.read" />}>
                  <Route path="directory" element={<DirectoryPage />} />
                </Route>
                <Route element={<RequirePermission permission="persons.read" />}>
                  <Route path="search" element={<SearchPage />} />
                  <Route path="people/:id" element={<PersonPage />} />
                  <Route path="link-requests" element={<LinkRequestsPage />} />
                  <Route element={<RequirePermission permission="life_story.read" />}>
                    <Route path="people/:id/life-story" element={<PersonLifeStoryPage />} />
                  </Route>
                </Route>
                <Route element={<RequirePermission permission="cases.read" />}>
                  <Route path="caseload" element={<CaseloadPage />} />
                </Route>
                <Route element={<RequirePermission permission="casework.read" />}>
                  <Route path="cases/:id" element={<CasePage />} />
                  <Route path="cases/:id/assessments" element={<AssessmentsPage />} />
                  <Route path="cases/:id/decisions" element={<DecisionsPage />} />
                  <Route path="cases/:id/journal" element={<JournalPage />} />
                  <Route path="cases/:id/contacts" element={<ContactsPage />} />
                  <Route path="week" element={<WeekPage />} />
                  <Route path="cases/:id/plan" element={<PlanPage />} />
                  <Route path="cases/:id/crisis" element={<CrisisPage />} />
                  <Route path="cases/:id/safety-plan" element={<SafetyPlanPage />} />
                  <Route path="cases/:id/summaries" element={<CaseSummaryPage />} />
                  <Route path="cases/:id/partners" element={<VouchersPage />} />
                  <Route path="cases/:id/success-stories" element={<SuccessStoriesPage />} />
                  <Route element={<RequirePermission permission="life_story.read" />}>
                    <Route path="cases/:id/life-story" element={<CaseLifeStoryPage />} />
                  </Route>
                  <Route path="cases/:caseId/questionnaires/:responseId" element={<FillInPage />} />
                </Route>
                <Route element={<RequirePermission permission="cases.assign" />}>
                  <Route path="unit" element={<UnitPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </PageBoundary>
      </SessionProvider>
    </BrowserRouter>
  );
}
