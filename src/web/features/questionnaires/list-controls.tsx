import { useTranslation } from 'react-i18next';
import { focusLater } from '../admin/edit-panel.tsx';

interface ListControlsProps {
  index: number;
  count: number;
  /** What the entry is called, for screen readers ("Question 2"). */
  name: string;
  /** The element id stem of the entry at an index; the buttons are `<stem>-up`, `-down`, `-remove`. */
  idFor: (index: number) => string;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** Where focus goes after removing (the list's "add" button). */
  afterRemoveFocus: string;
  /** False when the entry may not be removed (the last condition of a flag rule, say). */
  removable?: boolean;
}

/** Move up, move down and remove for one entry of an editable list; focus follows the entry. */
export function ListControls({ index, count, name, idFor, onMove, onRemove, afterRemoveFocus, removable = true }: ListControlsProps) {
  const { t } = useTranslation();
  const move = (to: number) => {
    onMove(to);
    focusLater(`${idFor(to)}-${to === 0 ? 'down' : to === count - 1 ? 'up' : to < index ? 'up' : 'down'}`);
  };
  const hidden = <span className="visually-hidden">{`: ${name}`}</span>;
  return (
    <div className="button-row">
      <button
        id={`${idFor(index)}-up`}
        type="button"
        className="button button--secondary button--small"
        disabled={index === 0}
        onClick={() => move(index - 1)}
      >
        {t('questionnaires.moveUp')}
        {hidden}
      </button>
      <button
        id={`${idFor(index)}-down`}
        type="button"
        className="button button--secondary button--small"
        disabled={index === count - 1}
        onClick={() => move(index + 1)}
      >
        {t('questionnaires.moveDown')}
        {hidden}
      </button>
      {removable && (
        <button
          id={`${idFor(index)}-remove`}
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            onRemove();
            focusLater(afterRemoveFocus);
          }}
        >
          {t('common.remove')}
          {hidden}
        </button>
      )}
    </div>
  );
}
