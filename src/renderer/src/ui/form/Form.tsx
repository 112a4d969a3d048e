import { type ComponentProps, createContext, type ReactNode, useContext } from 'react';
import { type FieldValues, FormProvider, useController } from 'react-hook-form';
import { DateField } from '../DateField.tsx';
import { ErrorSummary } from '../ErrorSummary.tsx';
import {
  CheckboxField,
  CheckboxGroup,
  DateTimeFields,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../Field.tsx';
import type { FormErrors } from '../problems.ts';
import { TimeField } from '../TimeField.tsx';
import type { WorkbenchForm } from './useWorkbenchForm.ts';

interface Frame {
  id: string;
  errors: FormErrors;
  busy: boolean;
}

const FrameContext = createContext<Frame | null>(null);

/** The enclosing `<Form>`: its id, its errors and whether it is busy (for parts that show a list-level problem). */
export function useFrame(): Frame {
  const frame = useContext(FrameContext);
  if (!frame) throw new Error('A form field must sit inside <Form>.');
  return frame;
}

interface FormProps<V extends FieldValues> {
  form: WorkbenchForm<V>;
  children: ReactNode;
  /** Shown inside the form above the error summary (a notice of the last success). */
  before?: ReactNode;
  /** The form's class; '' for none (default 'form'). */
  className?: string;
  /** The id of the heading that names the form. */
  labelledBy?: string;
  /** The form's name, when no heading on the screen names it. */
  label?: string;
}

/** The `<form>` of a `useWorkbenchForm`: its error summary, then its fields and buttons. */
export function Form<V extends FieldValues>({
  form,
  children,
  before,
  className,
  labelledBy,
  label,
}: FormProps<V>) {
  return (
    <FormProvider {...form.methods}>
      <FrameContext.Provider value={{ id: form.id, errors: form.errors, busy: form.busy }}>
        <form
          onSubmit={(e) => void form.submit(e)}
          noValidate
          aria-labelledby={labelledBy}
          aria-label={label}
          className={(className ?? 'form') || undefined}
        >
          {before}
          <ErrorSummary form={form.id} errors={form.errors} labels={form.labels} />
          {children}
        </form>
      </FrameContext.Provider>
    </FormProvider>
  );
}

/** The form's submit button, marked busy while its call is in flight. */
export function SubmitButton({ children, className }: { children: ReactNode; className?: string }) {
  const { busy } = useFrame();
  return (
    <button type="submit" className={className ?? 'button'} aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}

/** The submit button, then a button that leaves the form without sending it ('Cancel', 'Close'). */
export function SubmitOrLeave({
  submit,
  leave = 'Cancel',
  onLeave,
  leaveClassName = 'button button--secondary',
}: {
  submit: ReactNode;
  leave?: ReactNode;
  onLeave: () => void;
  leaveClassName?: string;
}) {
  return (
    <div className="button-group">
      <SubmitButton>{submit}</SubmitButton>
      <button type="button" className={leaveClassName} onClick={onLeave}>
        {leave}
      </button>
    </div>
  );
}

export interface Bound<T> {
  form: string;
  path: string;
  errors: FormErrors;
  value: T;
  onChange: (value: T) => void;
}

/**
 * The `Controller` adapter: what any of our controlled field components needs from the form for the value
 * at `name` (`path`, the request path its problems come under, defaults to `name`).
 */
export function useBound<T>(name: string, path = name): Bound<T> {
  const { id, errors } = useFrame();
  const { field } = useController({ name });
  return { form: id, path, errors, value: field.value as T, onChange: field.onChange };
}

/** Render any controlled component from the value at `name`, e.g. a group of fields kept as one object. */
export function BoundField<T>({
  name,
  path,
  render,
}: {
  name: string;
  path?: string;
  render: (bound: Bound<T>) => ReactNode;
}) {
  return <>{render(useBound<T>(name, path))}</>;
}

type Unbound<P> = Omit<P, 'form' | 'path' | 'errors' | 'value' | 'onChange'> & {
  name: string;
  path?: string;
};

export function FormText({ name, path, ...rest }: Unbound<ComponentProps<typeof TextField>>) {
  return <TextField {...rest} {...useBound<string>(name, path)} />;
}

export function FormSelect({ name, path, ...rest }: Unbound<ComponentProps<typeof SelectField>>) {
  return <SelectField {...rest} {...useBound<string>(name, path)} />;
}

export function FormTextArea({ name, path, ...rest }: Unbound<ComponentProps<typeof TextAreaField>>) {
  return <TextAreaField {...rest} {...useBound<string>(name, path)} />;
}

export function FormDate({ name, path, ...rest }: Unbound<ComponentProps<typeof DateField>>) {
  return <DateField {...rest} {...useBound<string>(name, path)} />;
}

export function FormTime({ name, path, ...rest }: Unbound<ComponentProps<typeof TimeField>>) {
  return <TimeField {...rest} {...useBound<string>(name, path)} />;
}

export function FormCheckbox({
  name,
  path,
  ...rest
}: Omit<ComponentProps<typeof CheckboxField>, 'form' | 'path' | 'errors' | 'checked' | 'onChange'> & {
  name: string;
  path?: string;
}) {
  const { value, ...bound } = useBound<boolean>(name, path);
  return <CheckboxField {...rest} {...bound} checked={Boolean(value)} />;
}

export function FormCheckboxes<V extends string>({
  name,
  path,
  ...rest
}: Omit<ComponentProps<typeof CheckboxGroup<V>>, 'form' | 'path' | 'errors' | 'values' | 'onChange'> & {
  name: string;
  path?: string;
}) {
  const { value, ...bound } = useBound<V[]>(name, path);
  return <CheckboxGroup<V> {...rest} {...bound} values={value} />;
}

export function FormRadios<V extends string>({
  name,
  path,
  ...rest
}: Unbound<ComponentProps<typeof RadioGroup<V>>>) {
  return <RadioGroup<V> {...rest} {...useBound<V | ''>(name, path)} />;
}

/** A date and a time side by side, from the values at `dateName` and `timeName`; problems under `path`. */
export function FormDateTime({
  dateName,
  timeName,
  path,
  ...rest
}: Omit<
  ComponentProps<typeof DateTimeFields>,
  'form' | 'path' | 'errors' | 'date' | 'time' | 'onDate' | 'onTime'
> & { dateName: string; timeName: string; path: string }) {
  const date = useBound<string>(dateName, path);
  const time = useBound<string>(timeName, `${path}Time`);
  return (
    <DateTimeFields
      {...rest}
      form={date.form}
      path={path}
      errors={date.errors}
      date={date.value}
      time={time.value}
      onDate={date.onChange}
      onTime={time.onChange}
    />
  );
}
