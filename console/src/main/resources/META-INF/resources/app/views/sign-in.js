// Signing in. In production with the configured OIDC issuer (authorization code with PKCE, see
// oidc.js). Locally (the console has the local issuer's key) a development sign-in: choose tenant,
// role and member, and the console mints the token.
import { t } from '../i18n.js';
import { post, get, ApiProblem } from '../api.js';
import { describe } from '../problems.js';
import { signIn } from '../session.js';
import { beginOidcSignIn, oidcOutcome, OidcFailure } from '../oidc.js';

const { ref, reactive, onMounted } = Vue;

export const SignInView = {
  setup() {
    const options = ref(null);
    const form = reactive({ tenant: 'demo', role: 'tenant-admin', member: '' });
    const failure = ref(null);
    const busy = ref(false);

    onMounted(async () => {
      try {
        options.value = await get('console/sign-in-options');
      } catch (problem) {
        failure.value = describe(problem);
      }
    });

    async function submit() {
      busy.value = true;
      failure.value = null;
      try {
        const signedIn = await post('console/dev-sign-in', { ...form });
        signIn(signedIn.token);
        // The shell sends each role to its first screen (streams; platform admins: tenants).
        location.hash = '#/';
      } catch (problem) {
        failure.value = describe(problem instanceof ApiProblem ? problem : new ApiProblem(0, {}));
      } finally {
        busy.value = false;
      }
    }

    const oidcFailure = ref(oidcOutcome.failure);
    async function withIssuer() {
      busy.value = true;
      oidcFailure.value = null;
      try {
        await beginOidcSignIn(options.value.oidc);
      } catch (unreachable) {
        oidcFailure.value =
          unreachable instanceof OidcFailure ? unreachable : new OidcFailure('discovery', unreachable.message);
        busy.value = false;
      }
    }
    const issuerName = () => new URL(options.value.oidc.issuer).host;

    return { t, options, form, failure, busy, submit, oidcFailure, withIssuer, issuerName };
  },
  template: `
    <section class="card narrow" id="sign-in">
      <h1>{{ t('signIn.title') }}</h1>
      <p v-if="options && !options.devSignIn && !options.oidc" id="sign-in-unavailable">{{ t('signIn.unavailable') }}</p>
      <div v-if="options && options.oidc" class="oidc-sign-in">
        <button type="button" id="sign-in-oidc" :disabled="busy" @click="withIssuer">{{ t('signIn.oidc', { issuer: issuerName() }) }}</button>
        <p class="problem" id="oidc-problem" v-if="oidcFailure">{{ t('signIn.oidcFailed.' + oidcFailure.reason, { detail: oidcFailure.detail }) }}</p>
        <p class="hint" v-if="options.devSignIn">{{ t('signIn.or') }}</p>
      </div>
      <form v-if="options && options.devSignIn" @submit.prevent="submit" novalidate>
        <p class="hint">{{ t('signIn.devHint') }}</p>
        <label>{{ t('signIn.role') }}
          <select name="role" v-model="form.role">
            <option v-for="r in options.roles" :value="r">{{ t('role.' + r) }}</option>
          </select>
        </label>
        <p class="field-error" data-field="role" v-if="failure && failure.fields.role">{{ failure.fields.role }}</p>
        <label v-if="form.role !== 'platform-admin'">{{ t('signIn.tenant') }}
          <input name="tenant" v-model="form.tenant" autocomplete="off">
        </label>
        <p class="field-error" data-field="tenant" v-if="failure && failure.fields.tenant">{{ failure.fields.tenant }}</p>
        <label v-if="form.role !== 'platform-admin'">{{ t('signIn.member') }}
          <input name="member" v-model="form.member" :placeholder="form.role === 'tenant-admin' ? 'admin-of-' + form.tenant : 'alice'" autocomplete="off">
        </label>
        <p class="field-error" data-field="member" v-if="failure && failure.fields.member">{{ failure.fields.member }}</p>
        <p class="problem" v-if="failure" id="sign-in-problem">{{ failure.message }}</p>
        <button type="submit" id="sign-in-submit" :disabled="busy">{{ t('signIn.submit') }}</button>
      </form>
    </section>`,
};
