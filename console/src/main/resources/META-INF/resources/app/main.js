// The console's shell: language switch, who is signed in, and a hash router over the views.
import { t, startI18n, useLanguage, currentLanguage, LANGUAGES } from './i18n.js';
import { session, signOut, role, tenant, member } from './session.js';
import { SignInView } from './views/sign-in.js';
import { StreamListView, StreamCreateView } from './views/streams.js';
import { StreamView } from './views/stream.js';
import { PermissionsView, MyRequestsView } from './views/permissions.js';
import { DirectoryView } from './views/directory.js';
import { TrainingClassListView, TrainingClassView } from './views/training.js';
import { DailyStatisticsView } from './views/daily.js';
import { PlatformTenantsView } from './views/platform.js';
import { MemberLinksView } from './views/links.js';
import { completeOidcSignIn } from './oidc.js';

const { createApp, ref, computed, onMounted, onUnmounted } = Vue;

const ROUTES = [
  { pattern: /^#\/sign-in$/, view: 'sign-in', open: true },
  { pattern: /^#\/streams$/, view: 'streams' },
  { pattern: /^#\/streams\/new$/, view: 'stream-create' },
  { pattern: /^#\/streams\/([A-Za-z0-9_-]+)$/, view: 'stream', params: ['id'] },
  // Permissions and directory (issue 15): a tenant admin's sections, a member's own requests.
  { pattern: /^#\/permissions(?:\/([a-z-]+))?$/, view: 'permissions', params: ['section'] },
  { pattern: /^#\/my-requests$/, view: 'my-requests' },
  { pattern: /^#\/directory(?:\/([a-z-]+))?$/, view: 'directory', params: ['section'] },
  { pattern: /^#\/training$/, view: 'training-classes' },
  { pattern: /^#\/training\/([A-Za-z0-9_-]+)$/, view: 'training-class', params: ['id'] },
  { pattern: /^#\/daily$/, view: 'daily-statistics' },
  { pattern: /^#\/platform$/, view: 'platform-tenants' },
  // A member's links across streams: a tenant admin looks anyone up, a member sees their own.
  { pattern: /^#\/member-links(?:\/([^/]+))?$/, view: 'member-links', params: ['memberId'] },
];

// Where a role starts: a platform admin has no tenant of their own, so no streams to list.
function home() {
  return role() === 'platform-admin' ? '#/platform' : '#/streams';
}

function resolve(hash) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(hash);
    if (match) {
      const params = {};
      (route.params || []).forEach((name, i) => (params[name] = match[i + 1]));
      return { view: route.view, params, open: !!route.open };
    }
  }
  return null;
}

const Shell = {
  components: {
    'sign-in': SignInView,
    streams: StreamListView,
    'stream-create': StreamCreateView,
    stream: StreamView,
    permissions: PermissionsView,
    'my-requests': MyRequestsView,
    directory: DirectoryView,
    'training-classes': TrainingClassListView,
    'training-class': TrainingClassView,
    'daily-statistics': DailyStatisticsView,
    'platform-tenants': PlatformTenantsView,
    'member-links': MemberLinksView,
  },
  setup() {
    const hash = ref(location.hash);
    const onHash = () => (hash.value = location.hash);
    onMounted(() => window.addEventListener('hashchange', onHash));
    onUnmounted(() => window.removeEventListener('hashchange', onHash));

    const route = computed(() => {
      const found = resolve(hash.value);
      if (!session.current && !(found && found.open)) {
        if (location.hash !== '#/sign-in') location.hash = '#/sign-in';
        return resolve('#/sign-in');
      }
      if (!found || (found.open && session.current)) {
        if (location.hash !== home()) location.hash = home();
        return resolve(home());
      }
      return found;
    });

    function leave() {
      signOut();
      location.hash = '#/sign-in';
    }

    return {
      t, session, route, leave, role, tenant, member, LANGUAGES, useLanguage, home,
      language: computed(currentLanguage),
    };
  },
  template: `
    <header class="top">
      <a class="brand" :href="home()">{{ t('app.title') }}</a>
      <nav v-if="session.current">
        <a href="#/streams" id="nav-streams" v-if="role() !== 'platform-admin'">{{ t('nav.streams') }}</a>
        <a v-if="role() === 'member'" href="#/my-requests" id="nav-my-requests">{{ t('permissions.nav.myRequests') }}</a>
        <a v-if="role() === 'tenant-admin' || role() === 'member'" href="#/member-links" id="nav-member-links">{{ role() === 'member' ? t('memberLinks.nav.mine') : t('memberLinks.nav') }}</a>
        <a v-if="role() === 'tenant-admin'" href="#/permissions" id="nav-permissions">{{ t('permissions.nav') }}</a>
        <a v-if="role() === 'tenant-admin'" href="#/directory" id="nav-directory">{{ t('directory.nav') }}</a>
        <a href="#/training" id="nav-training" v-if="role() === 'tenant-admin'">{{ t('training.nav') }}</a>
        <a href="#/daily" id="nav-daily" v-if="role() === 'tenant-admin'">{{ t('daily.nav') }}</a>
        <a href="#/platform" id="nav-platform" v-if="role() === 'platform-admin'">{{ t('platform.nav') }}</a>
      </nav>
      <div class="who">
        <select id="language" :value="language" @change="useLanguage($event.target.value)" :aria-label="t('app.language')">
          <option v-for="l in LANGUAGES" :value="l">{{ t('language.' + l) }}</option>
        </select>
        <span v-if="session.current" id="signed-in-as">{{ t('app.signedInAs', { member: member() || role(), tenant: tenant() || '—', role: t('role.' + role()) }) }}</span>
        <button v-if="session.current" type="button" class="secondary" id="sign-out" @click="leave">{{ t('app.signOut') }}</button>
      </div>
    </header>
    <main>
      <component :is="route.view" v-bind="route.params" :key="route.view + JSON.stringify(route.params)"></component>
    </main>`,
};

async function start() {
  await startI18n();
  // Back from the OIDC issuer: signed in (or told why not) before the first screen is chosen.
  await completeOidcSignIn();
  createApp(Shell).mount('#app');
  document.getElementById('app').dataset.ready = 'true';
}

start().catch((failure) => {
  document.getElementById('app').textContent = `LiveLink console failed to start: ${failure.message}`;
  console.error(failure);
});
