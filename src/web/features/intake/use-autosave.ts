import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { draftApi } from '../work/work-api.ts';

export type AutosaveState = 'restoring' | 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Keeps a form draft on the server: restores it once, saves a second after the last change, and
 * saves at once (keepalive) when the page is hidden or left.
 */
export function useAutosave<T extends Record<string, unknown>>(key: string, data: T, onRestore: (data: Partial<T>) => void) {
  const [state, setState] = useState<AutosaveState>('restoring');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef(data);
  const dirty = useRef(false);
  const restored = useRef(false);
  const onRestoreRef = useRef(onRestore);
  onRestoreRef.current = onRestore;
  const serialised = JSON.stringify(data);
  const lastSaved = useRef<string | null>(null);
  const pending = useRef<Promise<unknown> | null>(null);
  const discarded = useRef(false);

  useEffect(() => {
    let current = true;
    draftApi
      .get(key)
      .then((draft) => {
        if (!current) return;
        lastSaved.current = JSON.stringify(draft.data);
        onRestoreRef.current(draft.data as Partial<T>);
        setSavedAt(draft.updatedAt);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 404) console.warn('Draft not restored', error);
      })
      .finally(() => {
        if (!current) return;
        restored.current = true;
        setState('idle');
      });
    return () => {
      current = false;
    };
  }, [key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: saves when the serialised form changes, not on every render
  useEffect(() => {
    latest.current = data;
    if (!restored.current || discarded.current || serialised === lastSaved.current) return;
    dirty.current = true;
    const timer = window.setTimeout(() => {
      if (discarded.current) return;
      setState('saving');
      const sent = serialised;
      pending.current = draftApi
        .save(key, JSON.parse(sent) as Record<string, unknown>)
        .then(() => {
          lastSaved.current = sent;
          if (JSON.stringify(latest.current) === sent) dirty.current = false;
          setSavedAt(new Date().toISOString());
          setState('saved');
        })
        .catch(() => setState('failed'));
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [serialised, key]);

  useEffect(() => {
    const flush = () => {
      if (!dirty.current || !restored.current || discarded.current) return;
      dirty.current = false;
      lastSaved.current = JSON.stringify(latest.current);
      draftApi.saveOnExit(key, latest.current);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
    };
  }, [key]);

  /** After a successful submit: forget the draft. */
  const discard = async () => {
    discarded.current = true;
    dirty.current = false;
    // A save still under way must not bring the draft back after it is deleted.
    await pending.current?.catch(() => undefined);
    lastSaved.current = JSON.stringify(latest.current);
    await draftApi.remove(key).catch(() => undefined);
  };

  return { state, savedAt, discard };
}
