// Our form fields: NL Design System FormField, label, description and error message wired
// together with ids (aria-describedby, aria-invalid), so every screen gets them right.
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  RadioButton,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { FormHTMLAttributes, ReactNode } from 'react';
import './components.css';

/** The id of a field's input, from a form id and a field name ("accountContact.email"). */
export function fieldId(formId: string, field: string): string {
  return `${formId}-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function describedBy(
  id: string,
  description?: ReactNode,
  error?: string,
  warning?: ReactNode,
): string | undefined {
  const ids = [
    description ? `${id}-description` : '',
    error ? `${id}-error` : '',
    warning ? `${id}-warning` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Description({ id, children }: { id: string; children?: ReactNode }) {
  return children ? (
    <FormFieldDescription id={`${id}-description`}>{children}</FormFieldDescription>
  ) : null;
}

/**
 * A warning under a field: the value is accepted, but unusual (hours below the minimum of a
 * secondment). Not an error, so the field stays valid; named by the field's aria-describedby.
 */
function Warning({ id, children }: { id: string; children?: ReactNode }) {
  // The region is always there, so that a screen reader announces the warning when typing makes it
  // appear (aria-describedby is read only when the field gets the focus).
  return (
    <div aria-live="polite">
      {children ? (
        <FormFieldDescription id={`${id}-warning`} warning className="sk-field-warning">
          {children}
        </FormFieldDescription>
      ) : null}
    </div>
  );
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <FormFieldErrorMessage id={`${id}-error`} className="sk-field-error">
      {error}
    </FormFieldErrorMessage>
  ) : null;
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: ReactNode;
  /** Shown under the field when its value is allowed but unusual; not an error. */
  warning?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'number' | 'tel' | 'date' | 'datetime-local' | 'search';
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search';
  maxLength?: number;
  required?: boolean;
  autoComplete?: string;
  /** A number, or for a date field a day as YYYY-MM-DD (the date picker offers no day beyond). */
  min?: number | string;
  max?: number | string;
  step?: number | 'any';
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  description,
  warning,
  type = 'text',
  required,
  autoComplete,
  min,
  max,
  step,
  inputMode,
  maxLength,
  size = 'lg',
}: TextFieldProps) {
  return (
    <FormField
      type="text"
      invalid={Boolean(error)}
      className="sk-field"
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={<Description id={id}>{description}</Description>}
      errorMessage={<ErrorMessage id={id} error={error} />}
      input={
        <Textbox
          id={id}
          name={id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          invalid={Boolean(error)}
          required={required}
          autoComplete={autoComplete}
          min={min}
          max={max}
          step={step}
          inputMode={inputMode}
          maxLength={maxLength}
          className={`sk-input sk-input--${size}`}
          aria-describedby={describedBy(id, description, error, warning)}
        />
      }
    >
      <Warning id={id}>{warning}</Warning>
    </FormField>
  );
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  placeholder?: string;
  error?: string;
  description?: ReactNode;
  required?: boolean;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  placeholder,
  error,
  description,
  required,
}: SelectFieldProps) {
  return (
    <FormField
      type="text"
      invalid={Boolean(error)}
      className="sk-field"
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={<Description id={id}>{description}</Description>}
      errorMessage={<ErrorMessage id={id} error={error} />}
      input={
        <Select
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          invalid={Boolean(error)}
          required={required}
          className="sk-input sk-input--lg"
          aria-describedby={describedBy(id, description, error)}
        >
          {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}

export interface CheckboxOption {
  value: string;
  label: string;
  hint?: string;
}

/** A group of checkboxes in a fieldset; `groups` shows sub-fieldsets (e.g. buurten per wijk). */
export function CheckboxGroup({
  id,
  legend,
  description,
  error,
  selected,
  onChange,
  groups,
  warning,
}: {
  id: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  groups: { key: string; legend?: string; options: CheckboxOption[] }[];
  /** As TextField's: the choice is accepted, but has a consequence to be told before saving. */
  warning?: ReactNode;
}) {
  const toggle = (value: string, checked: boolean) => {
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));
  };
  const renderOptions = (options: CheckboxOption[]) =>
    options.map((option) => {
      const optionId = `${id}-${option.value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
      return (
        <FormField key={option.value} type="checkbox" className="sk-checkbox-field">
          <div className="sk-checkbox-row">
            <Checkbox
              id={optionId}
              name={id}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              invalid={Boolean(error)}
            />
            <FormLabel htmlFor={optionId} type="checkbox">
              {option.label}
              {option.hint && <span className="sk-checkbox-hint"> {option.hint}</span>}
            </FormLabel>
          </div>
        </FormField>
      );
    });

  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={Boolean(error)}
      className="sk-fieldset"
      aria-describedby={describedBy(id, description, error, warning)}
    >
      <FieldsetLegend className="sk-legend">{legend}</FieldsetLegend>
      <Description id={id}>{description}</Description>
      <ErrorMessage id={id} error={error} />
      <div className="sk-checkbox-groups">
        {groups.map((group) =>
          group.legend ? (
            <Fieldset key={group.key} className="sk-subfieldset">
              <FieldsetLegend className="sk-sublegend">{group.legend}</FieldsetLegend>
              {renderOptions(group.options)}
            </Fieldset>
          ) : (
            <div key={group.key}>{renderOptions(group.options)}</div>
          ),
        )}
      </div>
      {warning !== undefined && <Warning id={id}>{warning}</Warning>}
    </Fieldset>
  );
}

/** A form that leaves validation messages to us (they are in the message catalogues). */
export function Form({ children, ...props }: FormHTMLAttributes<HTMLFormElement>) {
  return (
    <form noValidate className="sk-form" {...props}>
      {children}
    </form>
  );
}

export interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: ReactNode;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({
  id,
  label,
  value,
  onChange,
  error,
  description,
  required,
  rows = 4,
  maxLength,
}: TextAreaFieldProps) {
  return (
    <FormField
      type="text"
      invalid={Boolean(error)}
      className="sk-field"
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={<Description id={id}>{description}</Description>}
      errorMessage={<ErrorMessage id={id} error={error} />}
      input={
        <Textarea
          id={id}
          name={id}
          value={value}
          rows={rows}
          maxLength={maxLength}
          onChange={(event) => onChange(event.target.value)}
          invalid={Boolean(error)}
          required={required}
          className="sk-input sk-input--xl"
          aria-describedby={describedBy(id, description, error)}
        />
      }
    />
  );
}

/** One choice from a few options, as radio buttons in a fieldset. */
export function RadioGroup({
  id,
  legend,
  description,
  error,
  value,
  onChange,
  options,
  inline,
  warning,
}: {
  id: string;
  legend: string;
  description?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: CheckboxOption[];
  /** options side by side (for short labels) */
  inline?: boolean;
  /**
   * Shown under the options when the choice is allowed but will not do as it stands (as
   * TextField's). Pass null while there is none: the live region is there from the start then.
   */
  warning?: ReactNode;
}) {
  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={Boolean(error)}
      className="sk-fieldset"
      aria-describedby={describedBy(id, description, error, warning)}
    >
      <FieldsetLegend className="sk-legend">{legend}</FieldsetLegend>
      <Description id={id}>{description}</Description>
      <ErrorMessage id={id} error={error} />
      <div className={inline ? 'sk-radio-options sk-radio-options--inline' : 'sk-radio-options'}>
        {options.map((option) => {
          const optionId = `${id}-${option.value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
          return (
            <FormField key={option.value} type="radio" className="sk-checkbox-field">
              <div className="sk-checkbox-row">
                <RadioButton
                  id={optionId}
                  name={id}
                  value={option.value}
                  checked={value === option.value}
                  onChange={(event) => {
                    if (event.target.checked) onChange(option.value);
                  }}
                  invalid={Boolean(error)}
                />
                <FormLabel htmlFor={optionId} type="radio">
                  {option.label}
                  {option.hint && <span className="sk-checkbox-hint"> {option.hint}</span>}
                </FormLabel>
              </div>
            </FormField>
          );
        })}
      </div>
      {warning !== undefined && <Warning id={id}>{warning}</Warning>}
    </Fieldset>
  );
}

/** A file input (e.g. a CSV list), with label, description and error wired like the others. */
export function FileField({
  id,
  label,
  accept,
  onChange,
  error,
  description,
  required,
}: {
  id: string;
  label: string;
  accept?: string;
  onChange: (file: File | null) => void;
  error?: string;
  description?: ReactNode;
  required?: boolean;
}) {
  return (
    <FormField
      type="text"
      invalid={Boolean(error)}
      className="sk-field"
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={<Description id={id}>{description}</Description>}
      errorMessage={<ErrorMessage id={id} error={error} />}
      input={
        <input
          id={id}
          name={id}
          type="file"
          accept={accept}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          className="sk-file-input"
          onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        />
      }
    />
  );
}

/** One checkbox with its label (and an optional hint), e.g. "Alleen informatie en advies". */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  description,
  error,
  warning,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  error?: string;
  /** As TextField's. Pass null while there is none: the live region is there from the start then. */
  warning?: ReactNode;
}) {
  return (
    <FormField type="checkbox" invalid={Boolean(error)} className="sk-checkbox-field sk-field">
      <ErrorMessage id={id} error={error} />
      <div className="sk-checkbox-row">
        <Checkbox
          id={id}
          name={id}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, description, error, warning)}
        />
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
      <Description id={id}>{description}</Description>
      {warning !== undefined && <Warning id={id}>{warning}</Warning>}
    </FormField>
  );
}
