import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import type { AutosaveState } from '../intake/use-autosave.ts';
import { type EntryContent, type JournalEntry, journalApi } from './journal-api.ts';

/**
 * Keeps a journal entry's draft on the server as it is typed: the first change creates the draft
 * (POST), later ones change it (PATCH at the version last saved), one save at a time, a second after
 * the last keystroke, and at once (keepalive) when the page is hidden or left. The draft is the
 * entry itself – only its author sees it until it is signed.
 */
export function useEntryAutosave(caseId: string, initial: JournalEntry | null, values: EntryContent) {
  const [entry, setEntry] = useState<JournalEntry | null>(initial);
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(initial ? initial.writtenAt : null);
  const [error, setError] = useState<ApiError | null>(null);
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const latest = useRef(values);
  latest.current = values;
  const serialised = JSON.stringify(values);
  const lastSaved = useRef<string>(initial ? serialised : JSON.stringify(null));
  const running = useRef<Promise<JournalEntry | null> | null>(null);
  const stopped = useRef(false);

  const saveNow = useCallback(async (): Promise<JournalEntry | null> => {
    // One save at a time: a later change waits for the one under way, then saves what is newest.
    while (running.current) await running.current.catch(() => null);
    const sent = JSON.stringify(latest.current);
    if (stopped.current || sent === lastSaved.current) return entryRef.current;
    const current = entryRef.current;
    setState('saving');
    const work = (async () => {
      try {
        const saved = current
          ? await journalApi.update(current.id, { ...latest.current, version: current.version })
          : await journalApi.create(caseId, latest.current);
        lastSaved.current = sent;
        entryRef.current = saved;
        setEntry(saved);
        setSavedAt(new Date().toISOString());
        setError(null);
        setState('saved');
        return saved;
      } catch (failure) {
        setError(failure instanceof ApiError ? failure : null);
        setState('failed');
        throw failure;
      } finally {
        running.current = null;
      }
    })();
    running.current = work;
    return work;
  }, [caseId]);

  useEffect(() => {
    if (stopped.current || serialised === lastSaved.current) return;
    const timer = window.setTimeout(() => void saveNow().catch(() => undefined), 1000);
    return () => window.clearTimeout(timer);
  }, [serialised, saveNow]);

  useEffect(() => {
    const flush = () => {
      const current = entryRef.current;
      if (stopped.current || !current || JSON.stringify(latest.current) === lastSaved.current) return;
      lastSaved.current = JSON.stringify(latest.current);
      journalApi.updateOnExit(current.id, { ...latest.current, version: current.version });
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
  }, []);

  /** Saves what is typed, then stops autosaving (before signing or throwing the draft away). */
  const finish = useCallback(async () => {
    const saved = await saveNow();
    stopped.current = true;
    return saved;
  }, [saveNow]);

  /** Autosave again after a sign or discard that failed. */
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  return { entry, state, savedAt, error, saveNow, finish, resume };
}
