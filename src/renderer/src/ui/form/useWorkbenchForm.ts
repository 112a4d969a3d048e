import { zodResolver } from '@hookform/resolvers/zod';
import { type FormEvent, useMemo, useRef } from 'react';
import {
  type DefaultValues,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import type { AppError, FieldProblem, Result } from '#contract/errors.ts';
import type { FormErrors } from '../problems.ts';
import { formSchema, problemsFromFieldErrors } from './schema.ts';
import { useSubmission } from './useSubmission.ts';

export interface FormSpec<V extends FieldValues, Req, Res> {
  /** The form's id prefix: controls are `${id}-${path}`, which the error summary links to. */
  id: string;
  /** Label of each field by request path, in the order the form shows them. */
  labels: Record<string, string>;
  /** The order problems are listed in, when it is not the order of `labels`. */
  order?: readonly string[];
  defaultValues: V;
  /** The contract's request schema for the call (`calls[name].request`). */
  request?: z.ZodType;
  toRequest: (values: V) => Req;
  /** Kinder problems checked before the contract's (see `formSchema`). */
  check?: (values: V) => FieldProblem[];
  /** The one call the form makes (`(request) => call('users.create', request)`). */
  send: (request: Req) => Promise<Result<Res>>;
  /** Called at each submit, before anything is checked (to clear a notice of the last success). */
  onSubmitStart?: () => void;
  onSuccess?: (data: Res, values: V) => void;
  /**
   * Called when the call is refused, while the form is still busy; what it returns (if anything) is shown
   * instead of the refusal's own message and field errors.
   */
  onRefused?: (error: AppError) => FormErrors | undefined | Promise<FormErrors | undefined>;
  /** Empty the form after a success (passwords must not linger). */
  resetOnSuccess?: boolean;
}

export interface WorkbenchForm<V extends FieldValues> {
  id: string;
  labels: Record<string, string>;
  methods: UseFormReturn<V>;
  errors: FormErrors;
  setErrors: (errors: FormErrors) => void;
  /** True while the call is in flight: a second submit meanwhile does nothing. */
  busy: boolean;
  submit: (event?: FormEvent) => Promise<void>;
}

/**
 * One way to build a form: react-hook-form holds the values, the zod resolver checks them against the form's
 * own checks and the contract's request schema, and one submit sends the call, holds off a second submit
 * while it runs, and shows the problems (client-side or the main process's refusal) in the error summary.
 */
export function useWorkbenchForm<V extends FieldValues, Req, Res>(
  spec: FormSpec<V, Req, Res>,
): WorkbenchForm<V> {
  const latest = useRef(spec);
  latest.current = spec;
  const resolver = useMemo(
    () =>
      zodResolver(
        formSchema<V>({
          request: spec.request,
          toRequest: (values) => latest.current.toRequest(values),
          check: (values) => latest.current.check?.(values) ?? [],
        }),
      ) as unknown as Resolver<V>,
    [spec.request],
  );
  const methods = useForm<V>({
    defaultValues: spec.defaultValues as DefaultValues<V>,
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    // The error summary takes focus, and leads from there to the first field in error.
    shouldFocusError: false,
  });
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  const submit = submitting(async () => {
    const current = latest.current;
    current.onSubmitStart?.();
    await methods.handleSubmit(
      async (values) => {
        const result = await send(current.send(current.toRequest(values)));
        if (result.ok) {
          if (current.resetOnSuccess) methods.reset(current.defaultValues);
          current.onSuccess?.(result.data, values);
        } else {
          const shown = await current.onRefused?.(result.error);
          if (shown) setErrors(shown);
        }
      },
      (fieldErrors) => {
        setErrors({
          problems: problemsFromFieldErrors(fieldErrors, current.order ?? Object.keys(current.labels)),
        });
      },
    )();
  });

  return { id: spec.id, labels: spec.labels, methods, errors, setErrors, busy, submit };
}
