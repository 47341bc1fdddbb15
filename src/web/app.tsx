import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountPage } from './features/account/account-page.tsx';
import { AgencyPage } from './features/admin/agency-page.tsx';
import { AgreementTemplatesPage } from './features/admin/agreement-templates-page.tsx';
import { MfaResetsPage } from './features/admin/mfa-resets-page.tsx';
import { PartnersPage } from './features/admin/partners-page.tsx';
import { StaffPage } from './features/admin/staff-page.tsx';
import { UnitsPage } from './features/admin/units-page.tsx';
import { AssessmentsPage } from './features/assessment/assessments-page.tsx';
import { AccessLogPage } from './features/audit/access-log-page.tsx';
import { ChainCheckPage } from './features/audit/chain-check-page.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { SetupPage } from './features/auth/setup-page.tsx';
import { CasePage } from './features/cases/case-page.tsx';
import { DecisionsPage } from './features/decisions/decisions-page.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { NewRequestPage } from './features/intake/new-request-page.tsx';
import { QueuePage } from './features/intake/queue-page.tsx';
import { RequestPage } from './features/intake/request-page.tsx';
import { NotFoundPage } from './features/not-found-page.tsx';
import { LinkRequestsPage } from './features/people/link-requests-page.tsx';
import { PersonPage } from './features/people/person-page.tsx';
import { PlanPage } from './features/plan/plan-page.tsx';
import { AgenciesPage } from './features/platform/agencies-page.tsx';
import { PublicRequestPage } from './features/public/public-request-page.tsx';
import { FillInPage } from './features/questionnaires/fill-in-page.tsx';
import { QuestionnairesPage } from './features/questionnaires/questionnaires-page.tsx';
import { TemplatePage } from './features/questionnaires/template-page.tsx';
import { AppShell } from './features/shell/app-shell.tsx';
import { AlertsPage } from './features/work/alerts-page.tsx';
import { CaseloadPage } from './features/work/caseload-page.tsx';
import { SearchPage } from './features/work/search-page.tsx';
import { TodayPage } from './features/work/today-page.tsx';
import { UnitPage } from './features/work/unit-page.tsx';
import { RequirePermission, RequireSession } from './session/guards.tsx';
import { SessionProvider } from './session/session-context.tsx';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
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
                </Route>
                <Route element={<RequirePermission permission="units.manage" />}>
                  <Route path="units" element={<UnitsPage />} />
                </Route>
                <Route element={<RequirePermission permission="staff.manage" />}>
                  <Route path="staff" element={<StaffPage />} />
                </Route>
                <Route element={<RequirePermission permission="partners.manage" />}>
                  <Route path="partners" element={<PartnersPage />} />
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
              </Route>
              <Route element={<RequirePermission permission="requests.read" />}>
                <Route path="today" element={<TodayPage />} />
                <Route path="intake" element={<QueuePage />} />
                <Route path="intake/:id" element={<RequestPage />} />
              </Route>
              <Route element={<RequirePermission permission="requests.create" />}>
                <Route path="intake/new" element={<NewRequestPage />} />
              </Route>
              <Route element={<RequirePermission permission="persons.read" />}>
                <Route path="search" element={<SearchPage />} />
                <Route path="people/:id" element={<PersonPage />} />
                <Route path="link-requests" element={<LinkRequestsPage />} />
              </Route>
              <Route element={<RequirePermission permission="cases.read" />}>
                <Route path="caseload" element={<CaseloadPage />} />
              </Route>
              <Route element={<RequirePermission permission="casework.read" />}>
                <Route path="cases/:id" element={<CasePage />} />
                <Route path="cases/:id/assessments" element={<AssessmentsPage />} />
                <Route path="cases/:id/decisions" element={<DecisionsPage />} />
                <Route path="cases/:id/plan" element={<PlanPage />} />
                <Route path="cases/:caseId/questionnaires/:responseId" element={<FillInPage />} />
              </Route>
              <Route element={<RequirePermission permission="cases.assign" />}>
                <Route path="unit" element={<UnitPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
