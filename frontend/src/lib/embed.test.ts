import { beforeEach, describe, expect, it, vi } from 'vitest';
import { consumeEmbedSignIn, embedOrigin, isOrigin, markEmbedSignInPending, originAllowed, pendingEmbedOrigin, rememberEmbedOrigin } from './embed';

/** A Web Storage of this tab alone, as the browser gives each popup. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

beforeEach(() => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  vi.stubGlobal('localStorage', memoryStorage());
  return () => vi.unstubAllGlobals();
});

describe('the popup sign-in hand-over', () => {
  it('counts a sign-in once, and only for the origin that asked for it', () => {
    markEmbedSignInPending('https://club.example');
    expect(pendingEmbedOrigin()).toBe('https://club.example');
    expect(consumeEmbedSignIn('https://club.example')).toBe(true);
    expect(consumeEmbedSignIn('https://club.example')).toBe(false);
    expect(pendingEmbedOrigin()).toBeNull();
  });

  it('refuses (and forgets) a pending sign-in claimed by another origin', () => {
    markEmbedSignInPending('https://club.example');
    expect(consumeEmbedSignIn('https://evil.example')).toBe(false);
    expect(consumeEmbedSignIn('https://club.example')).toBe(false);
  });

  it('remembers the widget origin for the checkout-done page, also across tabs', () => {
    expect(embedOrigin()).toBeNull();
    rememberEmbedOrigin('https://club.example');
    expect(embedOrigin()).toBe('https://club.example');
    vi.stubGlobal('sessionStorage', memoryStorage()); // a new tab: only localStorage carries over
    expect(embedOrigin()).toBe('https://club.example');
  });
});

describe('isOrigin', () => {
  it('accepts a bare http(s) origin', () => {
    expect(isOrigin('https://club.example')).toBe(true);
    expect(isOrigin('http://localhost:5173')).toBe(true);
  });

  it('rejects paths, other schemes, non-canonical spellings and non-strings', () => {
    for (const value of [
      'https://club.example/',
      'https://club.example/x',
      'HTTPS://club.example',
      'javascript:alert(1)',
      'ftp://club.example',
      'club.example',
      '',
      42,
      null,
    ]) {
      expect(isOrigin(value), String(value)).toBe(false);
    }
  });
});

describe('originAllowed', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { location: { origin: 'https://queuetix.example' } });
  });

  it('allows Queuetix itself, and no other site when the event lists none', () => {
    expect(originAllowed([], 'https://queuetix.example')).toBe(true);
    expect(originAllowed([], 'https://anyone.example')).toBe(false);
  });

  it('allows any site when the seller chose "any site" (*)', () => {
    expect(originAllowed(['*'], 'https://anyone.example')).toBe(true);
  });

  it('matches listed origins ignoring case and a trailing slash', () => {
    const allowed = ['https://Club.example/', 'https://tickets.example'];
    expect(originAllowed(allowed, 'https://club.example')).toBe(true);
    expect(originAllowed(allowed, 'https://tickets.example')).toBe(true);
    expect(originAllowed(allowed, 'https://club.example.evil.example')).toBe(false);
    expect(originAllowed(allowed, 'http://club.example')).toBe(false);
  });
});
