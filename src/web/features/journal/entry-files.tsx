import { FileText, Paperclip, Trash2 } from 'lucide-react';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { Icon } from '../../ui/icon.tsx';
import { useLocale } from '../../ui/locale.ts';
import { describeError, fieldErrorsOf } from '../../ui/validation.ts';
import { type JournalEntry, journalApi } from './journal-api.ts';

type File_ = JournalEntry['attachments'][number];

/** A file's size as people read it: kB below a megabyte, MB above. */
function useSize() {
  const locale = useLocale();
  const { t } = useTranslation();
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? t('journal.files.kb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) })
      : t('journal.files.mb', { size: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, locale) });
}

/** The files of an entry as downloads (the server sends each as an attachment, never shown by the app). */
export function EntryFileList({ files }: { files: readonly File_[] }) {
  const { t } = useTranslation();
  const size = useSize();
  if (files.length === 0) return null;
  return (
    <ul className="journal-files" aria-label={t('journal.files.label')}>
      {files.map((f) => (
        <li key={f.id}>
          <Icon icon={FileText} />
          <a href={journalApi.fileUrl(f.id)} download={f.fileName} dir="auto">
            {f.fileName}
          </a>{' '}
          <span className="journal-files__size">({size(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Files on a draft: chosen with the system's file picker (by keyboard too), sent at once, listed
 * with a way to take each off. The draft is saved first if it is new, as the files hang on it.
 */
export function EntryFilesField({
  id,
  files,
  onChange,
  ensureDraft,
}: {
  id: string;
  files: readonly File_[];
  onChange: (files: File_[]) => void;
  ensureDraft: () => Promise<JournalEntry | null>;
}) {
  const { t } = useTranslation();
  const size = useSize();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    if (chosen.length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      const draft = await ensureDraft();
      if (!draft) return;
      const added: File_[] = [];
      for (const file of chosen) added.push(await journalApi.attach(draft.id, file));
      onChange([...files, ...added]);
    } catch (error) {
      setProblem(error instanceof ApiError ? (Object.values(fieldErrorsOf(error, t))[0] ?? describeError(error, t)) : String(error));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (file: File_) => {
    setBusy(true);
    try {
      await journalApi.detach(file.id);
      onChange(files.filter((f) => f.id !== file.id));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`field${problem ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        <Icon icon={Paperclip} /> {t('journal.files.add')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('journal.files.hint')}
      </p>
      {problem && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      )}
      <input
        id={id}
        type="file"
        multiple
        accept="application/pdf,image/png,image/jpeg,image/webp"
        disabled={busy}
        aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(e) => void add(e)}
        className="file-input"
      />
      {files.length > 0 && (
        <ul className="journal-files" aria-label={t('journal.files.label')}>
          {files.map((f) => (
            <li key={f.id}>
              <Icon icon={FileText} />
              <span dir="auto">{f.fileName}</span> <span className="journal-files__size">({size(f.size)})</span>{' '}
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void remove(f)}>
                <Icon icon={Trash2} />
                {t('journal.files.remove', { name: f.fileName })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
