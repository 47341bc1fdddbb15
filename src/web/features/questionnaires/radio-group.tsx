import { describedBy, FieldMessages, type Option } from '../../ui/fields.tsx';

interface RadioGroupProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  options: readonly Option<string>[];
  value: string | null;
  onChange: (value: string) => void;
  required?: boolean;
}

/** A fieldset of radio buttons; `id` goes to the first one so an error summary link can focus it. */
export function RadioGroup({ id, label, error, hint, options, value, onChange, required }: RadioGroupProps) {
  return (
    <fieldset className={`field fieldset${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(id, error, hint)}>
      <legend className="field__label">{label}</legend>
      <FieldMessages id={id} error={error} hint={hint} />
      <div className="checkbox-list">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="radio"
                name={id}
                value={option.value}
                checked={value === option.value}
                required={required}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
