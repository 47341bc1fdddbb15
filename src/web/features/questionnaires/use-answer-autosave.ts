import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { Answers } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { ApiError } from '../../api.ts';
import { mergeAnswers, savableAnswers } from './answer-model.ts';
import { type QuestionnaireResponse, questionnaireApi } from './questionnaire-api.ts';

export type AnswerSaveState = 'idle' | 'saving' | 'saved' | 'failed';

interface Options {
  response: QuestionnaireResponse;
  template: QuestionnaireTemplate;
  answers: Answers;
  /** Someone else saved answers meanwhile: the form shows theirs with these answers on top. */
  onMerged: (answers: Answers) => void;
  /** Someone else completed the questionnaire meanwhile. */
  onCompletedElsewhere: (response: QuestionnaireResponse) => void;
}

/**
 * Saves the answers as they are typed: a moment after the last change, one request at a time,
 * with the version last seen. When someone else saved in between, their answers and these are
 * combined and sent again; when the page is hidden or left, what is pending is sent at once.
 */
export function useAnswerAutosave({ response, template, answers, onMerged, onCompletedElsewhere }: Options) {
  const [state, setState] = useState<AnswerSaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [merged, setMerged] = useState(false);
  const version = useRef(response.version);
  /** This form's answers when the server last took them. */
  const base = useRef(response.answers as Answers);
  const lastSent = useRef(JSON.stringify(savableAnswers(template, response.answers as Answers)));
  const latest = useRef(answers);
  latest.current = answers;
  const templateRef = useRef(template);
  templateRef.current = template;
  const callbacks = useRef({ onMerged, onCompletedElsewhere });
  callbacks.current = { onMerged, onCompletedElsewhere };
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));

  /** Sends the latest answers if the server does not have them; true when it has them afterwards. */
  const syncOnce = useCallback(async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const mine = latest.current;
      const payload = savableAnswers(templateRef.current, mine);
      const body = JSON.stringify(payload);
      if (body === lastSent.current) return true;
      setState('saving');
      try {
        const saved = await questionnaireApi.saveAnswers(response.id, payload, version.current);
        version.current = saved.version;
        lastSent.current = body;
        base.current = mine;
        setSavedAt(new Date().toISOString());
        setState('saved');
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'version_conflict') {
          setState('failed');
          return false;
        }
        const theirs = await questionnaireApi.response(response.id).catch(() => null);
        if (!theirs) break;
        if (theirs.status === 'completed') {
          callbacks.current.onCompletedElsewhere(theirs);
          return false;
        }
        const combined = mergeAnswers(base.current, latest.current, theirs.answers as Answers);
        version.current = theirs.version;
        base.current = theirs.answers as Answers;
        lastSent.current = JSON.stringify(savableAnswers(templateRef.current, theirs.answers as Answers));
        latest.current = combined;
        callbacks.current.onMerged(combined);
        setMerged(true);
      }
    }
    setState('failed');
    return false;
  }, [response.id]);

  /** Saves what is pending now (after any save under way); resolves to whether the server has it all. */
  const flush = useCallback(() => {
    queue.current = queue.current.then(syncOnce, syncOnce);
    return queue.current;
  }, [syncOnce]);

  const pending = JSON.stringify(savableAnswers(template, answers)) !== lastSent.current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: answers is the trigger; pending is derived from it
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(() => void flush(), 800);
    return () => window.clearTimeout(timer);
  }, [answers, pending, flush]);

  useEffect(() => {
    const isPending = () => JSON.stringify(savableAnswers(templateRef.current, latest.current)) !== lastSent.current;
    const onHidden = () => {
      if (document.visibilityState === 'hidden' && isPending()) void flush();
    };
    const onLeave = (event: BeforeUnloadEvent) => {
      if (!isPending()) return;
      void flush();
      event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('beforeunload', onLeave);
      // Leaving the page inside the app: send what is pending.
      if (isPending()) void flush();
    };
  }, [flush]);

  return { state: pending && state !== 'failed' ? ('saving' as const) : state, savedAt, merged, flush, version: () => version.current };
}
