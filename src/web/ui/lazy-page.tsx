import { Component, type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/**
 * A page loaded when it is first shown, as a chunk of its own: `lazyPage(() => import('./x-page.tsx'), 'XPage')`.
 * It must be shown inside a `PageBoundary`.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** What shows when a page's code could not be loaded (offline, or a new version of Tillit replaced it). */
function PageLoadFailed() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice--error">
      <p>{t('pageLoad.failed')}</p>
      <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
        {t('pageLoad.reload')}
      </button>
    </div>
  );
}

interface BoundaryProps {
  /** The page's address: going elsewhere tries again. */
  resetKey: string;
  children: ReactNode;
}

class LoadFailureBoundary extends Component<BoundaryProps, { failed: boolean; failedOn: string | null }> {
  override state = { failed: false, failedOn: null as string | null };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { failed: boolean; failedOn: string | null }) {
    if (!state.failed) return null;
    if (state.failedOn === null) return { failedOn: props.resetKey };
    return props.resetKey === state.failedOn ? null : { failed: false, failedOn: null };
  }

  override render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}

/** Where lazy pages show: `fallback` (an accessible loading status) while a page's code loads, a notice if it fails. */
export function PageBoundary({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <LoadFailureBoundary resetKey={pathname}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadFailureBoundary>
  );
}
