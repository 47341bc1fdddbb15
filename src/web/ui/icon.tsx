import type { LucideIcon } from 'lucide-react';

/**
 * An icon from lucide-react (`import { Inbox } from 'lucide-react'`, one by one so the build keeps only those used).
 * Beside text it is decoration and hidden from screen readers; give `label` when the icon is all there is, e.g. on
 * a button with no words.
 */
export function Icon({ icon: Glyph, label, className }: { icon: LucideIcon; label?: string; className?: string }) {
  const classes = className ? `icon ${className}` : 'icon';
  if (label) return <Glyph className={classes} role="img" aria-label={label} focusable="false" />;
  return <Glyph className={classes} aria-hidden="true" focusable="false" />;
}
