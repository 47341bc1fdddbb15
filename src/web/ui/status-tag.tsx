import {
  ArrowDown,
  ArrowUp,
  CircleAlert,
  CircleCheck,
  CircleDashed,
  CircleX,
  Clock,
  History,
  Info,
  Lock,
  type LucideIcon,
  Minus,
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
  | 'info'
  /** A plan version in force. */
  | 'active'
  /** A plan version or decision replaced by a newer one. */
  | 'superseded'
  /** Priorities below urgent (`urgent` is the kind above). */
  | 'high'
  | 'normal'
  | 'low'
  /** A goal that meets every SMART criterion, one that misses some, and a record with a problem to put right. */
  | 'met'
  | 'missing'
  | 'problem';

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
  active: { tone: 'success', icon: CircleCheck },
  superseded: { tone: 'neutral', icon: History },
  high: { tone: 'warning', icon: ArrowUp },
  normal: { tone: 'neutral', icon: Minus },
  low: { tone: 'neutral', icon: ArrowDown },
  met: { tone: 'success', icon: CircleCheck },
  missing: { tone: 'warning', icon: TriangleAlert },
  problem: { tone: 'error', icon: CircleX },
};

/**
 * A status in colour, icon and words: the text says it all, colour and icon only help the eye. Pass the words as
 * children (from the catalog); `kind` picks the tone and icon.
 */
export function StatusTag({ kind, className, children }: { kind: StatusKind; className?: string; children: ReactNode }) {
  const { tone, icon } = kinds[kind];
  return (
    <span className={`status-tag status-tag--${tone}${className ? ` ${className}` : ''}`} data-status={kind}>
      <Icon icon={icon} />
      {children}
    </span>
  );
}
