import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { canReadOrg, readSession } from './api/session';
import { Layout } from './components/layout';
import { CalibrationPacksPage } from './pages/calibration-packs';
import { InterviewerDetailPage } from './pages/interviewer-detail';
import { InterviewersPage } from './pages/interviewers';
import { LevelsPage } from './pages/levels';
import { MePage } from './pages/me';
import { OverviewPage } from './pages/overview';
import { ReportsPage } from './pages/reports';
import { SignalsPage } from './pages/signals';
import { SignInPage } from './pages/sign-in';
import './styles.css';

// Cached per URL; refreshed every 10 s so new events show up without a reload.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchInterval: 10_000, staleTime: 5_000 } } });

/** Routes an interviewer may not see explain themselves instead of failing. */
function OrgOnly({ children }: { children: ReactNode }) {
  const session = readSession();
  if (!session) return <Navigate to="/sign-in" replace />;
  if (!canReadOrg(session.role)) {
    return (
      <Layout>
        <h1>Not available</h1>
        <p className="state" role="alert">
          This view covers other interviewers, which your role may not see. <a href="/me">See your own tendencies.</a>
        </p>
      </Layout>
    );
  }
  return <Layout>{children}</Layout>;
}

function SignedIn({ children }: { children: ReactNode }) {
  return readSession() ? <Layout>{children}</Layout> : <Navigate to="/sign-in" replace />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/" element={<OrgOnly><OverviewPage /></OrgOnly>} />
          <Route path="/interviewers" element={<OrgOnly><InterviewersPage /></OrgOnly>} />
          <Route path="/interviewers/:id" element={<SignedIn><InterviewerDetailPage /></SignedIn>} />
          <Route path="/signals" element={<OrgOnly><SignalsPage /></OrgOnly>} />
          <Route path="/levels" element={<OrgOnly><LevelsPage /></OrgOnly>} />
          <Route path="/packs" element={<OrgOnly><CalibrationPacksPage /></OrgOnly>} />
          <Route path="/reports" element={<OrgOnly><ReportsPage /></OrgOnly>} />
          <Route path="/me" element={<SignedIn><MePage /></SignedIn>} />
          <Route
            path="/no-views"
            element={
              <SignedIn>
                <h1>Nothing to see here</h1>
                <p className="state" role="alert">
                  This role writes events through the API (POST /v1/events) and has no dashboard views.
                </p>
              </SignedIn>
            }
          />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
