import type { TFunction } from 'i18next';
import type { ApiError } from '../../api.ts';
import type { FieldErrors } from '../../ui/validation.ts';

/** "sections[0].items[1]" and "sections.0.items.1" name the same place; the form uses the dotted form. */
export function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * The server's field errors under `prefix` ("definition." or "answers."), by dotted path without
 * the prefix, in the reader's language where the problem code has a message of its own.
 */
export function problemsUnder(error: ApiError, prefix: string, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, code, message } of error.fieldErrors) {
    const path = dotted(field.startsWith(prefix) ? field.slice(prefix.length) : field);
    const text = t(`questionnaires.problem.${code}`, { defaultValue: message });
    errors[path] = errors[path] && errors[path] !== text ? `${errors[path]} ${text}` : text;
  }
  return errors;
}

/**
 * Moves each error to the nearest place that is on the page: a problem of a band's range
 * belongs to the band when there is no control for the range itself.
 */
export function relocate(errors: FieldErrors, isShown: (path: string) => boolean): FieldErrors {
  const placed: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    let at = path;
    while (!isShown(at) && at.includes('.')) at = at.slice(0, at.lastIndexOf('.'));
    const target = isShown(at) ? at : path;
    placed[target] = placed[target] && placed[target] !== message ? `${placed[target]} ${message}` : message;
  }
  return placed;
}
