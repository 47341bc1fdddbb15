import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountPage } from './features/account/account-page.tsx';
import { AgencyPage } from './features/admin/agency-page.tsx';
import { PartnersPage } from './features/admin/partners-page.tsx';
import { StaffPage } from './features/admin/staff-page.tsx';
import { UnitsPage } from './features/admin/units-page.tsx';
import { AccessLogPage } from './features/audit/access-log-page.tsx';
import { ChainCheckPage } from './features/audit/chain-check-page.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { SetupPage } from './features/auth/setup-page.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { NotFoundPage } from './features/not-found-page.tsx';
import { AppShell } from './features/shell/app-shell.tsx';
import { RequireRole, RequireSession } from './session/guards.tsx';
import { SessionProvider } from './session/session-context.tsx';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/setup" element={<SetupPage />} />
          <Route element={<RequireSession />}>
            <Route element={<AppShell />}>
              <Route index element={<HomePage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="admin" element={<RequireRole role="administrator" />}>
                <Route path="agency" element={<AgencyPage />} />
                <Route path="units" element={<UnitsPage />} />
                <Route path="staff" element={<StaffPage />} />
                <Route path="partners" element={<PartnersPage />} />
              </Route>
              <Route path="audit" element={<RequireRole role="auditor" />}>
                <Route path="access" element={<AccessLogPage />} />
                <Route path="verify" element={<ChainCheckPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
