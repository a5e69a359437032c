/**
 * The Content-Security-Policy of the site's pages: scripts only from our origin, plus Clerk's
 * Frontend API when Clerk is configured (clerk-js is loaded from there). No Stripe origin is
 * needed: the site loads no Stripe script — Checkout and Connect onboarding are full-page
 * redirects to Stripe, which a CSP does not govern.
 */
export function sitePolicy(options: { clerkPublishableKey?: string }): string {
  const clerk = options.clerkPublishableKey ? clerkFrontendApi(options.clerkPublishableKey) : undefined;
  const clerkOrigin = clerk ? `https://${clerk}` : undefined;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...(clerkOrigin ? [clerkOrigin, 'https://challenges.cloudflare.com'] : [])],
    // Clerk's components inject their own <style> elements (emotion); our own CSS is one file.
    'style-src': ["'self'", ...(clerkOrigin ? ["'unsafe-inline'"] : [])],
    // QR codes are data: URLs; event images come from /api; Clerk shows avatars from img.clerk.com.
    'img-src': ["'self'", 'data:', 'blob:', ...(clerkOrigin ? ['https://img.clerk.com'] : [])],
    // The API and Socket.IO are same-origin ('self' covers ws:/wss: to this host).
    'connect-src': ["'self'", ...(clerkOrigin ? [clerkOrigin] : [])],
    'font-src': ["'self'"],
    'frame-src': clerkOrigin ? ['https://challenges.cloudflare.com'] : ["'none'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // The site is never framed: the widget's sign-in and checkout run in popups, not iframes.
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The host of Clerk's Frontend API, which a publishable key carries: `pk_test_` or `pk_live_`
 * followed by base64 of "<host>$". Undefined for a key that does not decode to a host.
 */
export function clerkFrontendApi(publishableKey: string): string | undefined {
  const match = /^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8').replace(/\$$/, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(decoded) ? decoded : undefined;
}
