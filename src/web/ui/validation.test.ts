import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import en from '../locales/en.json' with { type: 'json' };
import nb from '../locales/nb.json' with { type: 'json' };
import { fieldErrorsOf } from './validation.ts';

const weak = new ApiError({
  status: 400,
  code: 'validation_failed',
  title: 'Bad Request',
  fieldErrors: [
    {
      field: 'newPassword',
      code: 'too_weak',
      message: 'This password is too easy to guess. …',
      hints: ['warning.simpleRepeat', 'suggestion.repeated', 'suggestion.somethingNew'],
    },
  ],
});

async function translator(language: string) {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, fallbackLng: 'en', resources: { en: { translation: en }, nb: { translation: nb } } });
  return instance.t;
}

describe('a weak new password from the server', () => {
  it('is explained in the reader’s language from the stable codes, skipping codes it does not know', async () => {
    expect(fieldErrorsOf(weak, await translator('en'))).toEqual({
      newPassword:
        'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Avoid repeated words and characters.',
    });
    expect(fieldErrorsOf(weak, await translator('nb')).newPassword).toBe(
      'Dette passordet er for lett å gjette. Gjentatte tegn som «aaa» er lette å gjette. Unngå gjentatte ord og tegn.',
    );
  });
});
