import type { ButtonHTMLAttributes } from 'react';

type SubmitButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  submitting: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
};

/** A submit button that is disabled (and says so) while its form is being sent. */
export function SubmitButton({ submitting, variant = 'primary', className, children, ...rest }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`button button--${variant}${className ? ` ${className}` : ''}`}
      disabled={submitting}
      aria-busy={submitting || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}
