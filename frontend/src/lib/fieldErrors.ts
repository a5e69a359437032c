import { ApiError } from '@/api';

export type FieldErrors = Record<string, string>;

interface IssueLike {
  path?: PropertyKey[];
  message?: string;
}

/**
 * Field → first message, from zod issues (client-side validation) or from the server's
 * `invalid_request` details (zod's flattened `{ formErrors, fieldErrors }`, or raw issues).
 * The key `_form` holds errors that belong to no field.
 */
export function fieldErrorsFrom(source: unknown): FieldErrors {
  const out: FieldErrors = {};
  const put = (key: string, msg: string | undefined) => {
    if (msg && !out[key]) out[key] = msg;
  };
  const details = source instanceof ApiError ? source.details : source;
  if (Array.isArray(details)) {
    for (const issue of details as IssueLike[]) put(issue.path?.length ? fieldOf(issue.path.map(String)) : '_form', issue.message);
  } else if (details && typeof details === 'object') {
    const flat = details as {
      formErrors?: string[];
      fieldErrors?: Record<string, string[] | undefined>;
      issues?: IssueLike[];
      fields?: { path: string; message: string }[];
    };
    if (flat.issues) return fieldErrorsFrom(flat.issues);
    // The server's own rules (dates, for example) name the field by its path.
    for (const f of flat.fields ?? []) put(fieldOf(f.path.split('.')), f.message);
    for (const [key, msgs] of Object.entries(flat.fieldErrors ?? {})) put(key, msgs?.[0]);
    put('_form', flat.formErrors?.[0]);
  }
  if (source instanceof ApiError && Object.keys(out).length === 0) put('_form', source.message);
  return out;
}

/**
 * The form control a path names: its first segment, except inside a list of sub-forms (an event's
 * ticket types), where `ticketTypes.2.price` names the third type's price field.
 */
function fieldOf(path: string[]): string {
  return path[0] === 'ticketTypes' && path.length >= 3 ? path.slice(0, 3).join('.') : path[0]!;
}
