import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LocaleCode } from '../../i18n.ts';
import { useSession, useSignedInSession } from '../../session/session-context.tsx';
import { LanguageSelect } from '../../ui/language-select.tsx';
import { meApi } from '../account/account-api.ts';

/** Disclosure with the user's name: account settings, language, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const { refresh, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const saveLocale = (locale: LocaleCode) => {
    // The choice is the user's preferred language from now on; if saving fails the switch still applies here.
    meApi
      .update({ locale })
      .then(() => refresh())
      .catch(() => undefined);
  };

  return (
    <div className="user-menu" ref={container}>
      <button
        ref={toggle}
        type="button"
        className="user-menu__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('userMenu.label', { name: user.displayName })}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__name">{user.displayName}</span>
        <span className="user-menu__caret" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__email">{user.email}</p>
        <ul className="user-menu__links">
          <li>
            <Link to="/account" onClick={() => setOpen(false)}>
              {t('nav.account')}
            </Link>
          </li>
        </ul>
        <LanguageSelect onChanged={saveLocale} />
        <button
          type="button"
          className="button button--secondary user-menu__sign-out"
          onClick={() => {
            setSignOutFailed(false);
            signOut().catch(() => setSignOutFailed(true));
          }}
        >
          {t('nav.signOut')}
        </button>
        {signOutFailed && (
          <p role="alert" className="field__error user-menu__error">
            {t('nav.signOutFailed')}
          </p>
        )}
      </div>
    </div>
  );
}
