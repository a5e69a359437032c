import type { ErrorCode } from '@queuetix/contracts/error-codes';

/** Why the widget could not do something; `code` is what `queuetix-error` reports to the host page. */
export type WidgetErrorCode =
  /** The API's own codes (docs/api.md, Conventions). */
  | ErrorCode
  /** The event does not allow this site (its `allowedOrigins` list leaves this page's origin out). */
  | 'origin_refused'
  /** The Queuetix API could not be reached (offline, DNS, server down). */
  | 'network'
  /** The `event` or `api` attribute is missing or malformed. */
  | 'invalid_attribute'
  /** The browser blocked the sign-in or checkout window. */
  | 'popup_blocked'
  /** The API answered something the widget does not understand. */
  | 'invalid_response'
  | 'unknown';

export class WidgetError extends Error {
  constructor(
    readonly code: WidgetErrorCode,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'WidgetError';
  }
}

/** Anything thrown becomes a WidgetError, so callers handle one type. */
export function toWidgetError(error: unknown): WidgetError {
  if (error instanceof WidgetError) return error;
  return new WidgetError('unknown', error instanceof Error ? error.message : String(error));
}
