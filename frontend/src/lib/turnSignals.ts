/**
 * The signals that reach a buyer whose tab is in the background when their turn comes: the tab's
 * title and icon, a short chime (which they can turn off), and a browser notification if they
 * allowed it when joining. Each does nothing where the browser lacks the API.
 */

const SOUND_KEY = 'queuetix.turnSound';

export function soundOn(): boolean {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

export function setSoundOn(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let audio: AudioContext | null = null;

/**
 * Called from the Join click: browsers let a page make sound only after a gesture, so the audio
 * context is opened now, and notification permission is asked now (never before joining).
 */
export function prepareTurnSignals(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
}

/** Two short rising tones, under half a second. */
export function chime(): void {
  if (!soundOn() || !audio) return;
  const start = audio.currentTime;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.18);
    osc.stop(start + i * 0.18 + 0.18);
  }
}

/** A system notification, only when the tab is not being looked at and the buyer allowed them. */
export function notify(title: string, body: string, tag: string): void {
  if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker: the title and sound still tell.
  }
}

const ALERT_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M8 11h16v3a2 2 0 0 0 0 4v3H8v-3a2 2 0 0 0 0-4z" fill="#fff"/><circle cx="25" cy="7" r="7" fill="#dc2626"/></svg>',
  );

/** Marks the tab (title prefix and a red dot on the icon) until the returned function undoes it. */
export function markTab(prefix: string): () => void {
  const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  const originalIcon = icon?.href;
  if (icon) icon.href = ALERT_ICON;
  let stopped = false;
  // Pages set their own titles as data arrives: keep the prefix in front of whatever they set.
  const keep = () => {
    if (!stopped && !document.title.startsWith(prefix)) document.title = `${prefix} ${document.title}`;
  };
  keep();
  const observer = new MutationObserver(keep);
  const titleEl = document.querySelector('title');
  if (titleEl) observer.observe(titleEl, { childList: true, characterData: true, subtree: true });
  return () => {
    stopped = true;
    observer.disconnect();
    if (icon && originalIcon) icon.href = originalIcon;
    if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length + 1);
  };
}
