import { watchEffect } from 'vue';

/** Sets the document title for the page ("Name · Queuetix"). */
export function useTitle(title: () => string | undefined) {
  watchEffect(() => {
    const t = title();
    document.title = t ? `${t} · Queuetix` : 'Queuetix — fair tickets, even in a rush';
  });
}
