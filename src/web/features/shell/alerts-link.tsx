import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSignedInSession } from '../../session/session-context.tsx';
import { workApi } from '../work/work-api.ts';

/** Fired when alerts were dismissed, so the header count follows. */
export const ALERTS_CHANGED = 'tillit:alerts-changed';

/**
 * "Alerts (n)" in the header: always for those who work with requests and cases (alerts about urgent
 * work reach them), for others while they have one; refreshed on every navigation.
 */
export function AlertsLink() {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const location = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const onChanged = () => setGeneration((g) => g + 1);
    window.addEventListener(ALERTS_CHANGED, onChanged);
    return () => window.removeEventListener(ALERTS_CHANGED, onChanged);
  }, []);
  const always = permissions.includes('requests.read');

  // biome-ignore lint/correctness/useExhaustiveDependencies: recounts on navigation and on reload
  useEffect(() => {
    let current = true;
    workApi
      .alerts()
      .then((result) => {
        if (current) setCount(result.items.length);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [location.pathname, generation]);

  if (!always && !count) return null;
  return (
    <Link to="/alerts" className="alerts-link">
      {count === null ? t('nav.alerts') : t('nav.alertsCount', { count })}
    </Link>
  );
}
