import { createContext, type ReactNode, useContext } from 'react';
import type { QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { FormState } from '../../ui/use-form.ts';
import { focusLater } from '../admin/edit-panel.tsx';

export interface Editor {
  form: FormState;
  /** The template as it is being edited (for the items a condition or a score may name). */
  template: QuestionnaireTemplate;
  /** An id no section, item or rule of the template uses yet, e.g. "question_4". */
  newId: (base: string) => string;
}

const EditorContext = createContext<Editor | null>(null);

export const EditorProvider = EditorContext.Provider;

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside the template editor');
  return editor;
}

/**
 * A part of the template (a section, a question, a band): a fieldset named by its legend, which
 * the error summary can focus, with the problems of the part as a whole at its top.
 */
export function Block({
  path,
  legend,
  hiddenLegend = false,
  children,
}: {
  path: string;
  legend: string;
  hiddenLegend?: boolean;
  children: ReactNode;
}) {
  const { form } = useEditor();
  const { id, error } = form.field(path);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field fieldset plan-item q-block${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className={hiddenLegend ? 'visually-hidden' : 'field__label'}>{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** The "add" button under a list: focus goes to the new entry's first control (`focus`), and comes back here after a removal. */
export function AddButton({ id, focus, onClick, children }: { id: string; focus: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      id={id}
      type="button"
      className="button button--secondary"
      onClick={() => {
        onClick();
        focusLater(focus);
      }}
    >
      {children}
    </button>
  );
}
