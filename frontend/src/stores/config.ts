import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PublicConfig } from '@queuetix/contracts';
import { api } from '@/api';

/** What this deployment is: Clerk or dev sign-in, Stripe or demo payments (GET /api/config). */
export const useConfigStore = defineStore('config', () => {
  const config = ref<PublicConfig>({ authMode: 'dev', paymentMode: 'demo', demo: true });
  const loaded = ref(false);

  async function load(): Promise<PublicConfig> {
    try {
      config.value = await api.config();
    } catch {
      // Keep the defaults: the site still renders and shows errors where the API is needed.
    }
    loaded.value = true;
    return config.value;
  }

  const isDemoPayments = computed(() => config.value.paymentMode === 'demo');
  const isDevSignIn = computed(() => config.value.authMode === 'dev');
  const isDemo = computed(() => config.value.demo || isDemoPayments.value || isDevSignIn.value);
  const isClerk = computed(() => config.value.authMode === 'clerk' && !!config.value.clerkPublishableKey);

  return { config, loaded, load, isDemoPayments, isDevSignIn, isDemo, isClerk };
});
