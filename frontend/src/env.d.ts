/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** clerk-js puts itself on window once @clerk/vue has loaded it (Clerk auth mode only). */
interface ClerkLike {
  loaded?: boolean;
  session?: { getToken(): Promise<string | null> } | null;
  user?: { id: string; fullName: string | null; username: string | null; primaryEmailAddress?: { emailAddress: string } | null } | null;
  signOut(): Promise<void>;
  addListener?(cb: (resources: { session?: unknown; user?: unknown }) => void): () => void;
}
interface Window {
  Clerk?: ClerkLike;
}
