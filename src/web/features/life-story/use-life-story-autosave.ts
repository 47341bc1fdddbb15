import { useCallback, useEffect, useRef, useState } from 'react';
import type { LifeStorySections } from '../../../areas/life-story/life-story.contract.ts';
import { ApiError } from '../../api.ts';
import type { AutosaveState } from '../intake/use-autosave.ts';
import { type LifeStory, lifeStoryApi } from './life-story-api.ts';

export interface LifeStoryValues {
  language: string;
  sections: LifeStorySections;
}

/**
 * Keeps the life story's draft on the server as it is written: a second after the last keystroke,
 * one save at a time at the version last saved, at once when the page is hidden, and with
 * keepalive when it is left. The draft is shared by everyone working with the person; a save over someone else's is
 * refused (409) and said.
 */
export function useLifeStoryAutosave(personId: string, initial: LifeStory, values: LifeStoryValues) {
  const [story, setStory] = useState<LifeStory>(initial);
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(initial.draftChangedAt);
  const [error, setError] = useState<ApiError | null>(null);
  const storyRef = useRef(story);
  const latest = useRef(values);
  latest.current = values;
  const serialised = JSON.stringify(values);
  const lastSaved = useRef(JSON.stringify({ language: initial.language, sections: initial.sections }));
  const running = useRef<Promise<LifeStory> | null>(null);

  /** The story as a change elsewhere on the page returned it (a version kept). */
  const replace = useCallback((next: LifeStory) => {
    storyRef.current = next;
    setStory(next);
  }, []);

  const saveNow = useCallback(async (): Promise<LifeStory> => {
    while (running.current) await running.current.catch(() => null);
    const sent = JSON.stringify(latest.current);
    if (sent === lastSaved.current) return storyRef.current;
    setState('saving');
    const work = (async () => {
      try {
        const saved = await lifeStoryApi.saveDraft(personId, { ...latest.current, version: storyRef.current.version });
        lastSaved.current = sent;
        replace(saved);
        setSavedAt(saved.draftChangedAt);
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
  }, [personId, replace]);

  useEffect(() => {
    if (serialised === lastSaved.current) return;
    const timer = window.setTimeout(() => void saveNow().catch(() => undefined), 1000);
    return () => window.clearTimeout(timer);
  }, [serialised, saveNow]);

  useEffect(() => {
    const flush = () => {
      const sent = JSON.stringify(latest.current);
      if (sent === lastSaved.current) return;
      lastSaved.current = sent;
      lifeStoryApi.saveDraftOnExit(personId, { ...latest.current, version: storyRef.current.version });
    };
    // Hidden (another tab): an ordinary save, whose answer brings the new version for the next one.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void saveNow().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
    };
  }, [personId, saveNow]);

  return { story, replace, state, savedAt, error, saveNow };
}
