import type { Router } from 'vue-router';

/** How long a page may take to draw its heading (it often waits for its data) before we give up. */
const HEADING_WAIT_MS = 4000;

/**
 * Where keyboard and screen-reader users are after something changes under them:
 * - after a route change, focus moves to the new page's heading one (as a full page load would
 *   start reading there), unless the page already put focus inside itself (a form's first field);
 * - when an action removes the focused control (Join becomes a place in line, Leave becomes Join
 *   again), focus goes to what replaced it instead of falling back to the top of the document.
 */
export function installFocusManagement(router: Router, main: () => HTMLElement | null): void {
  let firstNavigation = true;
  router.afterEach((to, from, failure) => {
    // The page load itself starts at the top like any page load; only later changes move focus.
    if (firstNavigation) {
      firstNavigation = false;
      return;
    }
    if (failure || to.path === from.path) return;
    void focusHeadingWhenDrawn(main);
  });
  rescueRemovedFocus(main);
}

function focusHeadingWhenDrawn(main: () => HTMLElement | null): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const tick = () => {
      const root = main();
      const heading = root?.querySelector<HTMLElement>('h1');
      const active = document.activeElement;
      // The page focused something of its own (a first field): leave it there.
      if (root && active && active !== document.body && root.contains(active) && active !== root && !active.matches('h1')) return resolve();
      if (heading) {
        focusWithoutScroll(heading);
        return resolve();
      }
      if (performance.now() - started > HEADING_WAIT_MS) return resolve();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Focus the element where it is; headings and regions get tabindex=-1 so they can take focus. */
function focusWithoutScroll(el: HTMLElement): void {
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

/**
 * Remembers the focused control inside main and the chain of its ancestors; when it leaves the
 * document while focused, focus goes to the replacement inside the nearest ancestor still there:
 * an element marked `data-focus-after-change`, else the first heading, else the first control.
 * A whole page swapped (nothing left but main itself) is the route change's business.
 */
function rescueRemovedFocus(main: () => HTMLElement | null): void {
  let focused: HTMLElement | null = null;
  let ancestors: HTMLElement[] = [];
  document.addEventListener('focusin', (e) => {
    const root = main();
    const target = e.target as HTMLElement;
    if (!root || !root.contains(target) || target === root) return;
    focused = target;
    ancestors = [];
    for (let el = target.parentElement; el && el !== root; el = el.parentElement) ancestors.push(el);
  });
  new MutationObserver(() => {
    if (!focused || focused.isConnected) return;
    const lost = focused;
    focused = null;
    if (document.activeElement && document.activeElement !== document.body && document.activeElement !== lost) return;
    const scope = ancestors.find((el) => el.isConnected);
    if (!scope) return;
    const next =
      scope.querySelector<HTMLElement>('[data-focus-after-change]') ??
      scope.querySelector<HTMLElement>('h1, h2, h3') ??
      scope.querySelector<HTMLElement>(FOCUSABLE);
    if (next) focusWithoutScroll(next);
  }).observe(document.body, { childList: true, subtree: true });
}
