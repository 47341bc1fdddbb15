import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Bold, Heading2, Heading3, Italic, List, ListOrdered } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichText } from '../../../areas/journal/rich-text.rules.ts';
import { describedBy, FieldMessages } from '../../ui/fields.tsx';
import { Icon } from '../../ui/icon.tsx';

/**
 * The journal's text editor (TipTap, on ProseMirror): paragraphs, two heading levels, lists, bold
 * and italic – exactly what the server's `richText` accepts, so pasted markup is reduced to it. It
 * keeps the editor's own JSON; nothing is ever stored or shown as HTML.
 */
export function RichTextEditor({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  hintInOtherLanguage,
  lang,
  disabled = false,
}: {
  id: string;
  label: string;
  value: RichText;
  onChange: (value: RichText) => void;
  error?: string | undefined;
  hint?: string | undefined;
  /** The hint again in the language the text is written in, when that is not the interface's (a question to read with the person). */
  hintInOtherLanguage?: { text: string; lang: string } | undefined;
  /** The language the text is written in, for spelling and for screen readers; the page's by default. */
  lang?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const described = [describedBy(id, error, hint), hintInOtherLanguage ? `${id}-hint-other` : null].filter(Boolean).join(' ');
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: false,
        strike: false,
        underline: false,
      }),
    ],
    // An empty document has no block, which ProseMirror cannot hold: the editor starts with its own empty paragraph.
    content: value.content.length > 0 ? value : undefined,
    editable: !disabled,
    injectCSS: false,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': `${id}-label`,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
        class: 'rich-text__area',
        spellcheck: 'true',
      },
    },
    // An empty document comes back without `content`; the text is always a document with its blocks.
    onUpdate: ({ editor: changed }) => onChange({ type: 'doc', content: (changed.getJSON() as Partial<RichText>).content ?? [] }),
  });
  useEffect(() => {
    // Without an update event: making the editor editable changes nothing the caller should save.
    editor?.setEditable(!disabled, false);
  }, [editor, disabled]);
  useEffect(() => {
    if (!editor) return;
    // The view exists once the editor is mounted; until then, at its creation.
    const apply = () => (lang ? editor.view.dom.setAttribute('lang', lang) : editor.view.dom.removeAttribute('lang'));
    if (editor.isInitialized) apply();
    else editor.on('create', apply);
    return () => {
      editor.off('create', apply);
    };
  }, [editor, lang]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullets: e?.isActive('bulletList') ?? false,
      numbers: e?.isActive('orderedList') ?? false,
    }),
  });
  const tools = [
    { key: 'bold', icon: Bold, on: active?.bold, run: () => editor?.chain().focus().toggleBold().run() },
    { key: 'italic', icon: Italic, on: active?.italic, run: () => editor?.chain().focus().toggleItalic().run() },
    { key: 'heading2', icon: Heading2, on: active?.h2, run: () => editor?.chain().focus().toggleHeading({ level: 2 }).run() },
    { key: 'heading3', icon: Heading3, on: active?.h3, run: () => editor?.chain().focus().toggleHeading({ level: 3 }).run() },
    { key: 'bullets', icon: List, on: active?.bullets, run: () => editor?.chain().focus().toggleBulletList().run() },
    { key: 'numbers', icon: ListOrdered, on: active?.numbers, run: () => editor?.chain().focus().toggleOrderedList().run() },
  ] as const;
  return (
    <div className={`field rich-text${error ? ' field--error' : ''}`}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      <FieldMessages id={id} error={error} hint={hint} />
      {hintInOtherLanguage && (
        <p id={`${id}-hint-other`} className="field__hint" lang={hintInOtherLanguage.lang}>
          {hintInOtherLanguage.text}
        </p>
      )}
      <div className="rich-text__frame">
        <div role="toolbar" aria-label={t('journal.editor.toolbar')} aria-controls={id} className="rich-text__toolbar">
          {tools.map((tool) => (
            <button
              key={tool.key}
              type="button"
              className="rich-text__tool"
              aria-pressed={tool.on ? 'true' : 'false'}
              disabled={disabled}
              // The text keeps the focus when a tool is clicked, so the next keystroke lands in it, in the chosen style.
              onMouseDown={(event) => event.preventDefault()}
              onClick={tool.run}
              title={t(`journal.editor.${tool.key}`)}
            >
              <Icon icon={tool.icon} />
              <span className="visually-hidden">{t(`journal.editor.${tool.key}`)}</span>
            </button>
          ))}
        </div>
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
