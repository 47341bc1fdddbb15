import type { ReactNode } from 'react';

/** A status line: success and information are polite (role=status), errors assertive (role=alert). */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'error'; children: ReactNode }) {
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} className={`notice notice--${kind}`}>
      {children}
    </div>
  );
}

/** A polite live region that is always present, so a message put into it is announced. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className={message ? 'notice notice--success' : 'notice--empty'}>
      {message}
    </div>
  );
}
