import {
  CircleAlert,
  CircleCheck,
  CircleDashed,
  CircleX,
  Clock,
  Info,
  Lock,
  type LucideIcon,
  PenLine,
  Siren,
  TriangleAlert,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { Icon } from './icon.tsx';

/** What a status means, which gives its colour. */
export type StatusTone = 'success' | 'warning' | 'error' | 'info' | 'neutral';

/** The statuses the screens show; each has its tone and icon so the same word always looks the same. */
export type StatusKind =
  | 'done'
  | 'todo'
  | 'overdue'
  | 'dueSoon'
  | 'urgent'
  | 'draft'
  | 'signed'
  | 'awaiting'
  | 'ended'
  | 'overloaded'
  | 'late'
  | 'confidential'
  | 'info';

const kinds: Record<StatusKind, { tone: StatusTone; icon: LucideIcon }> = {
  done: { tone: 'success', icon: CircleCheck },
  signed: { tone: 'success', icon: CircleCheck },
  todo: { tone: 'neutral', icon: CircleDashed },
  draft: { tone: 'neutral', icon: PenLine },
  dueSoon: { tone: 'warning', icon: Clock },
  awaiting: { tone: 'warning', icon: Clock },
  overloaded: { tone: 'warning', icon: TriangleAlert },
  late: { tone: 'warning', icon: Clock },
  confidential: { tone: 'info', icon: Lock },
  ended: { tone: 'neutral', icon: CircleX },
  overdue: { tone: 'error', icon: CircleAlert },
  urgent: { tone: 'error', icon: Siren },
  info: { tone: 'info', icon: Info },
};

/**
 * A status in colour, icon and words: the text says it all, colour and icon only help the eye. Pass the words as
 * children (from the catalog); `kind` picks the tone and icon.
 */
export function StatusTag({ kind, children }: { kind: StatusKind; children: ReactNode }) {
  const { tone, icon } = kinds[kind];
  return (
    <span className={`status-tag status-tag--${tone}`} data-status={kind}>
      <Icon icon={icon} />
      {children}
    </span>
  );
}
