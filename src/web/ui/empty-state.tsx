import { Inbox, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Icon } from './icon.tsx';

/** A list with nothing in it yet: what is missing, and what to do next (a sentence, a link or a button). */
export function EmptyState({ title, hint, icon = Inbox }: { title: string; hint?: ReactNode; icon?: LucideIcon }) {
  return (
    <div className="empty-list">
      <Icon icon={icon} />
      <div>
        <p className="empty-list__title">{title}</p>
        {hint && <p className="empty-list__hint">{hint}</p>}
      </div>
    </div>
  );
}
