import { useState } from 'react';
import { useNavigate } from 'react-router';
import { saveSession, type Role } from '../api/session';

const seats: { role: Role; label: string; hint: string }[] = [
  { role: 'hiring_lead', label: 'Hiring lead', hint: 'calibration of every interviewer' },
  { role: 'recruiting_ops', label: 'Recruiting ops', hint: 'reports and exports' },
  { role: 'admin', label: 'Admin', hint: 'everything, including replay' },
  { role: 'interviewer', label: 'Interviewer (int-001)', hint: 'your own tendencies only' },
  { role: 'ingest', label: 'Ingest service', hint: 'writes events; sees no figures' },
];

/** Local demo sign-in (the platform offers it only without a configured secret). */
export function SignInPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const signIn = async (role: Role) => {
    const res = await fetch('/v1/auth/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
    if (!res.ok) return setError(res.status === 404 ? 'Demo sign-in is off: this platform uses configured sign-in.' : `Sign-in failed (${res.status}).`);
    const { token, sub } = (await res.json()) as { token: string; sub: string };
    saveSession({ token, role, sub });
    navigate(role === 'interviewer' ? '/me' : role === 'ingest' ? '/no-views' : '/');
  };
  return (
    <div className="sign-in">
      <h1>Plumbline</h1>
      <p>Hiring calibration: who rates harsher or more leniently than peers on the same candidates, and where the rubric drifts.</p>
      <h2>Sign in to the demo as</h2>
      <ul>
        {seats.map((s) => (
          <li key={s.role}>
            <button type="button" onClick={() => void signIn(s.role)}>
              {s.label}
            </button>{' '}
            <span className="muted">{s.hint}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="state error">
          {error}
        </p>
      )}
    </div>
  );
}
