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
  disabled = false,
}: {
  id: string;
  label: string;
  value: RichText;
  onChange: (value: RichText) => void;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
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
        ...(describedBy(id, error, hint) ? { 'aria-describedby': describedBy(id, error, hint)! } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
        class: 'rich-text__area',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: changed }) => onChange({ type: 'doc', content: (changed.getJSON() as Partial<RichText>).content ?? [] }),
  });
  useEffect(() => {
    editor?.setEditable(!disabled);
  }, [editor, disabled]);
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
