/** Shared look of text inputs, selects and textareas. */
export const inputClass =
  'block w-full rounded-lg border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring aria-[invalid=true]:border-danger ' +
  'disabled:opacity-60';
