import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  ref: Ref<HTMLButtonElement>;
  /** The id of the navigation it shows and hides. */
  controls: string;
  open: boolean;
  onToggle: () => void;
  onEscape: () => void;
}

/** "Menu": shows and hides the main navigation on a narrow screen (a disclosure); hidden where the navigation always shows. */
export function MenuButton({ ref, controls, open, onToggle, onEscape }: Props) {
  const { t } = useTranslation();
  return (
    <button
      ref={ref}
      type="button"
      className="menu-button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) onEscape();
      }}
    >
      <span className="menu-button__icon" aria-hidden="true" />
      {t('nav.menu')}
    </button>
  );
}
