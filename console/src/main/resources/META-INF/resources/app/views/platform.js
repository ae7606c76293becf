// Platform admin: the tenants, onboarding one, and the review of what tenants submit to run
// MINI_PROGRAM or H5 streams (verify, or reject with a reason the tenant sees). The review queue
// is permission-service's GET /tenants?qualification=PENDING.
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { describeProblem } from './field-messages.js';

const { ref, reactive, onMounted } = Vue;

const TENANTS = 'api/permission/tenants';
const PAGE_SIZE = 20;
export const QUALIFICATION_FILTERS = ['PENDING', 'REJECTED', 'VERIFIED', ''];

export const PlatformTenantsView = {
  setup() {
    const filter = ref('PENDING');
    const page = ref(0);
    const tenants = ref(null);
    const failure = ref(null);
    const reasons = reactive({});
    const decisionFailures = reactive({});
    const busy = ref(false);
    const form = reactive({ id: '', name: '', timeZone: 'Asia/Shanghai' });
    const createFailure = ref(null);
    const created = ref(null);
    // How many answers the list has shown: lets a reader (and the browser tests) tell a new page.
    const loads = ref(0);

    async function load() {
      failure.value = null;
      const query = `page=${page.value}&size=${PAGE_SIZE}` + (filter.value ? `&qualification=${filter.value}` : '');
      try {
        tenants.value = await get(`${TENANTS}?${query}`);
      } catch (problem) {
        failure.value = describeProblem(problem);
      } finally {
        loads.value += 1;
      }
    }

    function show(newFilter) {
      filter.value = newFilter;
      page.value = 0;
      load();
    }

    function turn(by) {
      page.value = Math.max(0, page.value + by);
      load();
    }

    const decisionKey = (tenantId, type) => `${tenantId}/${type}`;

    async function decide(tenant, qualification, decision) {
      const at = decisionKey(tenant.id, qualification.streamType);
      busy.value = true;
      delete decisionFailures[at];
      try {
        const body = decision === 'reject' ? { reason: reasons[at] || '' } : {};
        const decided = await post(`${TENANTS}/${encodeURIComponent(tenant.id)}/qualifications/${qualification.streamType}/${decision}`, body);
        Object.assign(qualification, decided);
      } catch (problem) {
        decisionFailures[at] = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    async function create() {
      busy.value = true;
      createFailure.value = null;
      created.value = null;
      try {
        created.value = await post(TENANTS, { ...form });
        Object.assign(form, { id: '', name: '' });
        if (!filter.value) await load();
      } catch (problem) {
        createFailure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return {
      t, formatTime, filter, page, loads, tenants, failure, reasons, decisionFailures, busy, form,
      createFailure, created, show, turn, decide, create, decisionKey, QUALIFICATION_FILTERS, PAGE_SIZE,
    };
  },
  template: `
    <section class="card" id="platform-tenants" :data-loads="loads" :data-page="page">
      <h1>{{ t('platform.title') }}</h1>
      <div class="actions" role="tablist">
        <button v-for="f in QUALIFICATION_FILTERS" type="button" :key="f || 'all'" :id="'tenant-filter-' + (f || 'ALL')"
          :class="{ secondary: filter !== f }" @click="show(f)">{{ t('platform.filter.' + (f || 'ALL')) }}</button>
      </div>
      <p class="problem" id="platform-problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="tenants && tenants.length === 0" id="no-tenants">{{ t('platform.none.' + (filter || 'ALL')) }}</p>
      <ul class="tenants" v-if="tenants && tenants.length">
        <li v-for="tenant in tenants" :key="tenant.id" :data-tenant-id="tenant.id">
          <div class="heading">
            <h2>{{ tenant.name }} <code>{{ tenant.id }}</code></h2>
            <span class="hint">{{ t('platform.tenant.facts', { time: formatTime(tenant.createdAt), zone: tenant.timeZone }) }}</span>
          </div>
          <p class="hint">
            {{ tenant.liveServiceEnabled ? t('platform.tenant.liveOn') : t('platform.tenant.liveOff') }} ·
            {{ t('platform.policy.' + tenant.broadcastPolicy) }}
          </p>
          <div class="table-scroll">
            <table class="qualifications">
              <thead><tr>
                <th>{{ t('stream.type') }}</th><th>{{ t('platform.qualification.status') }}</th>
                <th>{{ t('platform.qualification.evidence') }}</th><th>{{ t('platform.qualification.submitted') }}</th>
                <th>{{ t('platform.qualification.decided') }}</th><th>{{ t('platform.qualification.review') }}</th>
              </tr></thead>
              <tbody>
                <tr v-for="q in tenant.qualifications" :key="q.streamType" :data-stream-type="q.streamType" :data-status="q.status">
                  <td>{{ t('streamType.' + q.streamType) }}</td>
                  <td><span :class="'state state-' + q.status" class="qualification-status">{{ t('platform.qualificationStatus.' + q.status) }}</span></td>
                  <td class="wrap">{{ q.evidence }}</td>
                  <td>{{ q.submittedBy }}<br><span class="hint">{{ formatTime(q.submittedAt) }}</span></td>
                  <td>
                    <template v-if="q.decidedAt">{{ q.decidedBy }}<br><span class="hint">{{ formatTime(q.decidedAt) }}</span></template>
                    <div class="wrap qualification-reason" v-if="q.reason">{{ t('platform.qualification.reason', { reason: q.reason }) }}</div>
                  </td>
                  <td class="review">
                    <template v-if="q.status === 'PENDING'">
                      <div class="actions">
                        <button type="button" class="verify-qualification" :disabled="busy" @click="decide(tenant, q, 'verify')">{{ t('platform.qualification.verify') }}</button>
                        <button type="button" class="danger reject-qualification" :disabled="busy" @click="decide(tenant, q, 'reject')">{{ t('platform.qualification.reject') }}</button>
                      </div>
                      <input class="reject-reason" v-model="reasons[decisionKey(tenant.id, q.streamType)]" :placeholder="t('platform.qualification.reasonPlaceholder')" maxlength="2000">
                      <span class="field-error" data-field="reason" v-if="decisionFailures[decisionKey(tenant.id, q.streamType)] && decisionFailures[decisionKey(tenant.id, q.streamType)].fields.reason">{{ decisionFailures[decisionKey(tenant.id, q.streamType)].fields.reason }}</span>
                      <p class="problem decision-problem" v-if="decisionFailures[decisionKey(tenant.id, q.streamType)]">{{ decisionFailures[decisionKey(tenant.id, q.streamType)].message }}</p>
                    </template>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </li>
      </ul>
      <div class="actions" v-if="tenants && (page > 0 || tenants.length === PAGE_SIZE)">
        <button type="button" class="secondary" id="tenants-previous" :disabled="page === 0" @click="turn(-1)">{{ t('platform.previous') }}</button>
        <span class="hint">{{ t('platform.page', { page: page + 1 }) }}</span>
        <button type="button" class="secondary" id="tenants-next" :disabled="tenants.length < PAGE_SIZE" @click="turn(1)">{{ t('platform.next') }}</button>
      </div>
    </section>
    <section class="card" id="create-tenant">
      <h2>{{ t('platform.create.title') }}</h2>
      <form class="row-form" @submit.prevent="create" novalidate>
        <label>{{ t('platform.create.id') }}
          <input name="tenantId" v-model="form.id" maxlength="64" autocomplete="off">
          <span class="field-error" data-field="id" v-if="createFailure && createFailure.fields.id">{{ createFailure.fields.id }}</span>
        </label>
        <label>{{ t('platform.create.name') }}
          <input name="tenantName" v-model="form.name" maxlength="200">
          <span class="field-error" data-field="name" v-if="createFailure && createFailure.fields.name">{{ createFailure.fields.name }}</span>
        </label>
        <label>{{ t('platform.create.timeZone') }}
          <input name="tenantTimeZone" v-model="form.timeZone" maxlength="64">
          <span class="field-error" data-field="timeZone" v-if="createFailure && createFailure.fields.timeZone">{{ createFailure.fields.timeZone }}</span>
        </label>
        <button type="submit" id="create-tenant-submit" :disabled="busy">{{ t('action.create') }}</button>
      </form>
      <p class="problem" id="create-tenant-problem" v-if="createFailure">{{ createFailure.message }}</p>
      <p class="hint" id="tenant-created" v-if="created">{{ t('platform.create.done', { id: created.id }) }}</p>
    </section>`,
};
