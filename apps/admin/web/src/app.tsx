import { Navigate, Route, Routes } from "react-router";

import { useSession } from "./api/session";
import { AdminLayout } from "./components/admin-layout";
import { Loading } from "./components/feedback";
import { AdminsPage } from "./pages/admins-page";
import { AuditPage } from "./pages/audit-page";
import { DemoPage } from "./pages/demo-page";
import { MePage } from "./pages/me-page";
import { OverviewPage } from "./pages/overview-page";
import { PeoplePage } from "./pages/people-page";
import { PersonPage } from "./pages/person-page";
import { RulesPage } from "./pages/rules-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";

/** The pages (the server serves each of these paths the same index.html: apps/admin/src/ui/serve-ui.ts). */
export function App() {
  const session = useSession();
  if (session.isPending) return <Loading label="Loading" />;
  const user = session.data?.user ?? null;
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/me" element={user ? <MePage /> : <Navigate to="/signin?next=/me" replace />} />
      <Route
        element={
          !user ? (
            <Navigate to="/signin" replace />
          ) : !user.admin ? (
            <Navigate to="/me" replace />
          ) : (
            <AdminLayout />
          )
        }
      >
        <Route index element={<OverviewPage />} />
        <Route path="/people" element={<PeoplePage />} />
        <Route path="/people/:id" element={<PersonPage />} />
        <Route path="/rules" element={<RulesPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/admins" element={<AdminsPage />} />
        <Route path="/demo" element={<DemoPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
