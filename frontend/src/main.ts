import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router, setAuthReady } from './router';
import { installFocusManagement } from './lib/focus';
import { setTokenSource } from './api';
import { setSocketTokenGetter } from './composables/useSocket';
import { useAuthStore } from './stores/auth';
import { useConfigStore } from './stores/config';
import './styles.css';

const app = createApp(App);
app.use(createPinia());

const auth = useAuthStore();
setTokenSource(() => auth.token());
setSocketTokenGetter(
  () => auth.token(),
  () => auth.forget(),
);

// Know the deployment (Clerk or dev sign-in, Stripe or demo) before deciding who is signed in.
const ready = useConfigStore()
  .load()
  .then(async (config) => {
    if (config.authMode === 'clerk' && config.clerkPublishableKey) {
      const { installClerk } = await import('./lib/clerk');
      await installClerk(app, config.clerkPublishableKey);
    } else if (auth.isSignedIn) {
      void auth.refreshMe();
    }
  });
setAuthReady(ready);

app.use(router);
app.mount('#app');
installFocusManagement(router, () => document.getElementById('main'));
