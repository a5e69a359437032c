import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from '@/stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Needs a signed-in user; others are sent to /sign-in and back. */
    auth?: boolean;
    /** Popup pages opened by the widget: no site header or footer. */
    bare?: boolean;
  }
}

// Every page is its own chunk: the first paint loads only the shell and the page it needs.
const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('@/pages/HomePage.vue') },
  { path: '/search', component: () => import('@/pages/SearchPage.vue') },
  { path: '/events/:id', component: () => import('@/pages/EventPage.vue'), props: true },
  { path: '/events/:id/draw', component: () => import('@/pages/DrawPage.vue'), props: true },
  { path: '/sign-in', component: () => import('@/pages/SignInPage.vue') },
  { path: '/tickets', component: () => import('@/pages/TicketsPage.vue'), meta: { auth: true } },
  { path: '/tickets/:id', component: () => import('@/pages/TicketPage.vue'), props: true, meta: { auth: true } },
  { path: '/checkout/success', component: () => import('@/pages/CheckoutSuccessPage.vue'), meta: { auth: true } },
  { path: '/checkout/cancel', component: () => import('@/pages/CheckoutCancelPage.vue'), meta: { auth: true } },
  { path: '/demo-checkout/:sessionId', component: () => import('@/pages/DemoCheckoutPage.vue'), props: true, meta: { auth: true } },

  { path: '/seller', component: () => import('@/pages/seller/SellerDashboardPage.vue'), meta: { auth: true } },
  { path: '/seller/onboarding', component: () => import('@/pages/seller/OnboardingPage.vue'), meta: { auth: true } },
  { path: '/seller/onboarding/return', component: () => import('@/pages/seller/OnboardingPage.vue'), props: { returned: true }, meta: { auth: true } },
  { path: '/seller/onboarding/refresh', component: () => import('@/pages/seller/OnboardingRefreshPage.vue'), meta: { auth: true } },
  { path: '/seller/events/new', component: () => import('@/pages/seller/EventEditorPage.vue'), meta: { auth: true } },
  { path: '/seller/events/:id/edit', component: () => import('@/pages/seller/EventEditorPage.vue'), props: true, meta: { auth: true } },
  { path: '/seller/events/:id', component: () => import('@/pages/seller/EventSalesPage.vue'), props: true, meta: { auth: true } },
  { path: '/seller/events/:id/check-in', component: () => import('@/pages/seller/CheckInPage.vue'), props: true, meta: { auth: true } },

  // Door staff open this from a check-in pass link (the pass rides in the #fragment); no sign-in.
  { path: '/door/:id', component: () => import('@/pages/DoorPage.vue'), props: true },
  { path: '/embed/auth', component: () => import('@/pages/embed/EmbedAuthPage.vue'), meta: { bare: true } },
  { path: '/embed/checkout-done', component: () => import('@/pages/embed/EmbedCheckoutDonePage.vue'), meta: { bare: true } },

  { path: '/:pathMatch(.*)*', component: () => import('@/pages/NotFoundPage.vue') },
];

let authReady: Promise<unknown> = Promise.resolve();
/** main.ts hands the router the promise of "we know who is signed in" (Clerk loads asynchronously). */
export function setAuthReady(ready: Promise<unknown>): void {
  authReady = ready;
}
export function whenAuthReady(): Promise<unknown> {
  return authReady;
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : { top: 0 }),
});

router.beforeEach(async (to) => {
  if (!to.meta.auth) return true;
  await authReady;
  const auth = useAuthStore();
  if (!auth.isSignedIn) return { path: '/sign-in', query: { redirect: to.fullPath } };
  // A buyer on any seller page is invited to start selling (/seller) rather than met by 403s.
  if (to.path.startsWith('/seller/') && !auth.isSeller) return { path: '/seller' };
  return true;
});

/** Only same-site paths are valid redirect targets (no open redirect through ?redirect=). */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}
