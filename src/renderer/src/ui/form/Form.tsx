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
  /** Label of each field by request path (the form's `labels`). */
  labels: Record<string, string>;
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
  /** The form's own heading, which names it (its id is `labelledBy`, or `${form.id}-title`). */
  title?: ReactNode;
  /** The heading's element (default h3) and class (by default the house style for that element). */
  titleAs?: keyof typeof TITLE_CLASS;
  titleClassName?: string;
  /** A notice of the last success, under the heading and `before`. */
  notice?: ReactNode;
}

const TITLE_CLASS = {
  h2: 'heading-m',
  h3: 'heading-s heading--flush',
  h4: 'heading-xs heading--flush',
  h5: 'action-panel__title',
  p: 'action-form__title',
};

/** The `<form>` of a `useWorkbenchForm`: its heading, its error summary, then its fields and buttons. */
export function Form<V extends FieldValues>({
  form,
  children,
  before,
  className,
  labelledBy,
  label,
  title,
  titleAs = 'h3',
  titleClassName,
  notice,
}: FormProps<V>) {
  const titleId = labelledBy ?? (title ? `${form.id}-title` : undefined);
  const Title = titleAs;
  return (
    <FormFields form={form}>
      <form
        onSubmit={(e) => void form.submit(e)}
        noValidate
        aria-labelledby={titleId}
        aria-label={label}
        className={(className ?? 'form') || undefined}
      >
        {title ? (
          <Title id={titleId} className={titleClassName ?? TITLE_CLASS[titleAs]}>
            {title}
          </Title>
        ) : null}
        {before}
        {notice}
        <ErrorSummary form={form.id} errors={form.errors} labels={form.labels} />
        {children}
      </form>
    </FormFields>
  );
}

/**
 * The fields of a `useWorkbenchForm` without a `<form>` of their own: for a few fields inside another form
 * (a form cannot hold another), sent by a button that calls `form.submit()`.
 */
export function FormFields<V extends FieldValues>({
  form,
  children,
}: {
  form: WorkbenchForm<V>;
  children: ReactNode;
}) {
  return (
    <FormProvider {...form.methods}>
      <FrameContext.Provider
        value={{ id: form.id, errors: form.errors, busy: form.busy, labels: form.labels }}
      >
        {children}
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

/** Props of a field bound to the form: its `name` in the values, and its label unless the form's labels have it. */
type Unbound<P, Taken extends string = 'value' | 'onChange'> = Omit<
  P,
  'form' | 'path' | 'errors' | 'label' | Taken
> & {
  name: string;
  path?: string;
  /** By default the form's label for the field's path. */
  label?: string;
};

/** The field's label: the one given, or the form's label for its path. */
function useLabel(name: string, path: string | undefined, label: string | undefined): string {
  const { labels } = useFrame();
  const found = label ?? labels[path ?? name];
  if (found === undefined) throw new Error(`The form field ${path ?? name} needs a label.`);
  return found;
}

export function FormText({ name, path, label, ...rest }: Unbound<ComponentProps<typeof TextField>>) {
  return <TextField {...rest} {...useBound<string>(name, path)} label={useLabel(name, path, label)} />;
}

export function FormSelect({ name, path, label, ...rest }: Unbound<ComponentProps<typeof SelectField>>) {
  return <SelectField {...rest} {...useBound<string>(name, path)} label={useLabel(name, path, label)} />;
}

export function FormTextArea({ name, path, label, ...rest }: Unbound<ComponentProps<typeof TextAreaField>>) {
  return <TextAreaField {...rest} {...useBound<string>(name, path)} label={useLabel(name, path, label)} />;
}

export function FormDate({ name, path, label, ...rest }: Unbound<ComponentProps<typeof DateField>>) {
  return <DateField {...rest} {...useBound<string>(name, path)} label={useLabel(name, path, label)} />;
}

export function FormTime({ name, path, label, ...rest }: Unbound<ComponentProps<typeof TimeField>>) {
  return <TimeField {...rest} {...useBound<string>(name, path)} label={useLabel(name, path, label)} />;
}

export function FormCheckbox({
  name,
  path,
  label,
  ...rest
}: Unbound<ComponentProps<typeof CheckboxField>, 'checked' | 'onChange'>) {
  const { value, ...bound } = useBound<boolean>(name, path);
  return <CheckboxField {...rest} {...bound} checked={Boolean(value)} label={useLabel(name, path, label)} />;
}

export function FormCheckboxes<V extends string>({
  name,
  path,
  label,
  ...rest
}: Unbound<ComponentProps<typeof CheckboxGroup<V>>, 'values' | 'onChange'>) {
  const { value, ...bound } = useBound<V[]>(name, path);
  return <CheckboxGroup<V> {...rest} {...bound} values={value} label={useLabel(name, path, label)} />;
}

export function FormRadios<V extends string>({
  name,
  path,
  label,
  ...rest
}: Unbound<ComponentProps<typeof RadioGroup<V>>>) {
  return <RadioGroup<V> {...rest} {...useBound<V | ''>(name, path)} label={useLabel(name, path, label)} />;
}

/**
 * A date and a time side by side, from the values at `dateName` and `timeName` (by default `path` and
 * `${path}Time`); problems under `path`. The labels are the form's for those paths unless given.
 */
export function FormDateTime({
  dateName = '',
  timeName = '',
  path,
  dateLabel,
  timeLabel,
  ...rest
}: Omit<
  ComponentProps<typeof DateTimeFields>,
  'form' | 'path' | 'errors' | 'date' | 'time' | 'onDate' | 'onTime' | 'dateLabel' | 'timeLabel'
> & { dateName?: string; timeName?: string; path: string; dateLabel?: string; timeLabel?: string }) {
  const { labels } = useFrame();
  const date = useBound<string>(dateName || path, path);
  const time = useBound<string>(timeName || `${path}Time`, `${path}Time`);
  return (
    <DateTimeFields
      {...rest}
      dateLabel={dateLabel ?? labels[path] ?? ''}
      timeLabel={timeLabel ?? labels[`${path}Time`] ?? ''}
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
