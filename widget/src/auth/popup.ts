/** Popup windows on the Queuetix origin: sign-in and checkout never navigate the host page away. */

const width = 480;
const height = 720;

/**
 * Opens (or reuses, by name) a centred popup. Must run synchronously inside the click handler,
 * or popup blockers stop it. Returns null when the browser blocked it.
 */
export function openPopup(url: string, name: string): Window | null {
  const left = Math.max(0, window.screenX + (window.outerWidth - width) / 2);
  const top = Math.max(0, window.screenY + (window.outerHeight - height) / 2);
  try {
    return window.open(url, name, `popup,width=${width},height=${height},left=${left},top=${top}`);
  } catch {
    return null;
  }
}

/** Shows a short note in a blank popup while we wait for the API to give us its real address. */
export function showWaitingNote(popup: Window, text: string): void {
  try {
    popup.document.title = text;
    popup.document.body.style.font = '16px system-ui, sans-serif';
    popup.document.body.style.padding = '24px';
    popup.document.body.textContent = text;
  } catch {
    // Already navigated elsewhere: nothing to write into.
  }
}

export function closePopup(popup: Window | null): void {
  try {
    popup?.close();
  } catch {
    // A window on another origin may refuse; it closes itself when done anyway.
  }
}
