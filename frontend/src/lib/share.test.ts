import { afterEach, describe, expect, it, vi } from 'vitest';
import { shareLink } from './share';

const link = { title: 'Jazz night', url: 'https://queuetix.example/events/evt_1' };

function browser(share: Navigator['share'] | undefined, writeText: (text: string) => Promise<void>) {
  const clipboard = { writeText: vi.fn(writeText) };
  vi.stubGlobal('navigator', { share, clipboard });
  return clipboard;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('shareLink', () => {
  it('uses the system share sheet when there is one', async () => {
    const clipboard = browser(
      () => Promise.resolve(),
      () => Promise.resolve(),
    );
    expect(await shareLink(link)).toBe('shared');
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('does nothing more when the buyer closes the share sheet', async () => {
    const clipboard = browser(
      () => Promise.reject(new DOMException('closed', 'AbortError')),
      () => Promise.resolve(),
    );
    expect(await shareLink(link)).toBe('failed');
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('copies the link when sharing fails or there is no share sheet', async () => {
    let clipboard = browser(
      () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
      () => Promise.resolve(),
    );
    expect(await shareLink(link)).toBe('copied');
    expect(clipboard.writeText).toHaveBeenCalledWith(link.url);

    clipboard = browser(undefined, () => Promise.resolve());
    expect(await shareLink(link)).toBe('copied');
    expect(clipboard.writeText).toHaveBeenCalledWith(link.url);
  });

  it('reports failure when the clipboard refuses too', async () => {
    browser(undefined, () => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect(await shareLink(link)).toBe('failed');
  });
});
