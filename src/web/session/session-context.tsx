import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, onActivity, onSessionEnded, setCsrfToken } from '../api.ts';
import { authApi, type SessionInfo } from '../features/auth/auth-api.ts';
import { showTimesIn } from '../format.ts';
import { changeLocale } from '../i18n.ts';

export type SignedOutReason = 'session_ended' | 'signed_out';

interface SessionContextValue {
  /** null when nobody is signed in; state tells whether MFA is still pending. */
  session: SessionInfo | null;
  loading: boolean;
  signedOutReason: SignedOutReason | null;
  refresh: () => Promise<SessionInfo | null>;
  signOut: () => Promise<void>;
  clearSignedOutReason: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Seconds after the server's idle timeout at which the client checks whether the session is still there. */
const IDLE_CHECK_MARGIN_SECONDS = 5;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await authApi.session();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason | null>(null);
  const previous = useRef<SessionInfo | null>(null);

  const apply = useCallback((next: SessionInfo | null) => {
    const before = previous.current;
    previous.current = next;
    setCsrfToken(next?.csrfToken ?? null);
    showTimesIn(next?.agencyTimeZone);
    setSession(next);
    const justSignedIn = next?.state === 'complete' && (before?.user.id !== next.user.id || before.state !== 'complete');
    if (justSignedIn) void changeLocale(next.user.locale);
  }, []);

  const refresh = useCallback(async () => {
    const next = await fetchSession();
    apply(next);
    return next;
  }, [apply]);

  /** Ends the session on the server. Throws if that failed while the session is still valid there. */
  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // A 401 means the session had already ended; anything else leaves it open, and the user must know.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    apply(null);
    setSignedOutReason('signed_out');
  }, [apply]);

  const clearSignedOutReason = useCallback(() => setSignedOutReason(null), []);

  useEffect(() => {
    let cancelled = false;
    fetchSession()
      .then((next) => {
        if (!cancelled) apply(next);
      })
      .catch(() => {
        if (!cancelled) apply(null);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [apply]);

  useEffect(() => {
    onSessionEnded(() => {
      if (previous.current) setSignedOutReason('session_ended');
      apply(null);
    });
    return () => onSessionEnded(null);
  }, [apply]);

  // Follow the server's idle timer: when it must have run out, check, so the screen does not stay open.
  const idleSeconds = session?.state === 'complete' ? session.idleTimeoutSeconds : null;
  useEffect(() => {
    if (idleSeconds === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          fetchSession()
            .then((next) => {
              if (!next) {
                setSignedOutReason('session_ended');
                apply(null);
              }
            })
            .catch(() => undefined);
        },
        (idleSeconds + IDLE_CHECK_MARGIN_SECONDS) * 1000,
      );
    };
    restart();
    onActivity(restart);
    return () => {
      clearTimeout(timer);
      onActivity(null);
    };
  }, [idleSeconds, apply]);

  const value = useMemo(
    () => ({ session, loading, signedOutReason, refresh, signOut, clearSignedOutReason }),
    [session, loading, signedOutReason, refresh, signOut, clearSignedOutReason],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSignedInSession(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession needs a signed-in session');
  return session;
}
