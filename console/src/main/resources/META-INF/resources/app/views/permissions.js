// Permissions (reference 001), against permission-service: a member applies to install, use or
// broadcast and follows their own requests; a tenant admin switches the live service and the
// broadcast policy, decides the inbox (one by one or in bulk, with a comment and a validity),
// revokes grants, keeps the webhook and reads the audit trail.
import { t, has, formatTime } from '../i18n.js';
import { get, post, request } from '../api.js';
import { describe } from '../problems.js';
import { tenant } from '../session.js';

const { ref, reactive, computed, onMounted, watch } = Vue;

export const PURPOSES = ['INSTALL_APP', 'USE_APP', 'BROADCAST'];
export const REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
export const BROADCAST_POLICIES = ['ALL_MEMBERS', 'SELECTED_MEMBERS'];
export const AUDIT_ACTIONS = [
  'permission-request.requested', 'permission-request.approved', 'permission-request.rejected',
  'permission-request.cancelled', 'permission-request.expired',
  'grant.created', 'grant.revoked',
  'tenant.created', 'tenant.settings-changed',
  'qualification.submitted', 'qualification.verified', 'qualification.rejected',
  'webhook.registered', 'webhook.removed',
  'organisation.created', 'organisation.deleted',
  'member.joined', 'member.updated', 'member.moved', 'member.left', 'directory.imported',
  'group.created', 'group.members-added', 'group.members-replaced', 'group.member-removed',
  'group.deleted', 'group.synced',
];
export const PERMISSION_SECTIONS = ['inbox', 'grants', 'settings', 'webhook', 'audit'];

const API = 'api/permission';

/** ISO-8601 days for the validity field: '' is until revoked. */
function validFor(days) {
  if (days === '' || days === null || days === undefined) {
    return undefined;
  }
  return `P${days}D`;
}

function problemText(reason, detail) {
  return reason && has(`problem.${reason}`) ? t(`problem.${reason}`) : detail || reason || '';
}

function actionLabel(action) {
  return has(`permissions.action.${action}`) ? t(`permissions.action.${action}`) : action;
}

/** A member's requests: apply, follow, cancel; and the grants they hold. */
export const MyRequestsView = {
  setup() {
    const requests = ref(null);
    const grants = ref(null);
    const form = reactive({ purpose: 'BROADCAST', reason: '' });
    const failure = ref(null);
    const listFailure = ref(null);
    const busy = ref(false);
    const sent = ref(false);

    async function load() {
      try {
        const [mine, held] = await Promise.all([
          get(`${API}/permission-requests?size=200`),
          get(`${API}/grants?size=200`),
        ]);
        requests.value = mine;
        grants.value = held;
      } catch (problem) {
        listFailure.value = describe(problem);
      }
    }

    async function apply() {
      busy.value = true;
      failure.value = null;
      sent.value = false;
      try {
        await post(`${API}/permission-requests`, { purpose: form.purpose, reason: form.reason });
        form.reason = '';
        sent.value = true;
        await load();
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }

    async function cancel(r) {
      if (!window.confirm(t('permissions.cancelConfirm', { purpose: t('permissions.purpose.' + r.purpose) }))) {
        return;
      }
      listFailure.value = null;
      try {
        await post(`${API}/permission-requests/${r.id}/cancel`);
        await load();
      } catch (problem) {
        listFailure.value = describe(problem);
      }
    }

    onMounted(load);
    return { t, formatTime, requests, grants, form, failure, listFailure, busy, sent, apply, cancel, PURPOSES };
  },
  template: `
    <div class="permissions-page" id="my-requests">
      <section class="card">
        <h1>{{ t('permissions.apply.title') }}</h1>
        <form @submit.prevent="apply" novalidate class="row-form">
          <label>{{ t('permissions.purpose') }}
            <select name="purpose" v-model="form.purpose">
              <option v-for="p in PURPOSES" :value="p">{{ t('permissions.purpose.' + p) }}</option>
            </select>
          </label>
          <label>{{ t('permissions.reason') }}
            <input name="reason" v-model="form.reason" maxlength="2000" :placeholder="t('permissions.reason.placeholder')">
          </label>
          <p class="field-error" data-field="purpose" v-if="failure && failure.fields.purpose">{{ failure.fields.purpose }}</p>
          <p class="field-error" data-field="reason" v-if="failure && failure.fields.reason">{{ failure.fields.reason }}</p>
          <button type="submit" id="apply-submit" :disabled="busy">{{ t('permissions.apply.submit') }}</button>
        </form>
        <p class="hint">{{ t('permissions.purpose.' + form.purpose + '.hint') }}</p>
        <p class="problem" id="apply-problem" v-if="failure">{{ failure.message }}</p>
        <p class="hint" id="apply-sent" v-if="sent">{{ t('permissions.apply.sent') }}</p>
      </section>
      <section class="card">
        <h2>{{ t('permissions.myRequests') }}</h2>
        <p class="problem" v-if="listFailure">{{ listFailure.message }}</p>
        <p v-if="requests && !requests.length" id="no-requests">{{ t('permissions.noRequests') }}</p>
        <div class="table-scroll" v-if="requests && requests.length">
          <table id="my-request-table" class="stack">
            <thead><tr>
              <th>{{ t('permissions.purpose') }}</th><th>{{ t('permissions.reason') }}</th>
              <th>{{ t('permissions.status') }}</th><th>{{ t('permissions.requestedAt') }}</th>
              <th>{{ t('permissions.expiresAt') }}</th><th>{{ t('permissions.decision') }}</th><th></th>
            </tr></thead>
            <tbody>
              <tr v-for="r in requests" :key="r.id" :data-request-id="r.id" :data-status="r.status">
                <td :data-label="t('permissions.purpose')">{{ t('permissions.purpose.' + r.purpose) }}</td>
                <td class="wrap" :data-label="t('permissions.reason')">{{ r.reason }}</td>
                <td :data-label="t('permissions.status')"><span :class="'state request-' + r.status">{{ t('permissions.status.' + r.status) }}</span></td>
                <td :data-label="t('permissions.requestedAt')">{{ formatTime(r.requestedAt) }}</td>
                <td :data-label="t('permissions.expiresAt')">{{ formatTime(r.expiresAt) }}</td>
                <td class="wrap" :data-label="t('permissions.decision')">{{ r.decisionComment || '' }}</td>
                <td><button v-if="r.status === 'PENDING'" type="button" class="secondary cancel-request" @click="cancel(r)">{{ t('permissions.cancel') }}</button></td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section class="card">
        <h2>{{ t('permissions.myGrants') }}</h2>
        <p v-if="grants && !grants.length" id="no-grants">{{ t('permissions.noGrants') }}</p>
        <ul class="plain-list" v-if="grants && grants.length" id="my-grants">
          <li v-for="g in grants" :key="g.id" :data-grant-id="g.id">
            <strong>{{ g.subAccountLogin }}</strong>
            <span class="hint">{{ t('permissions.grantedAt', { time: formatTime(g.grantedAt) }) }}</span>
            <span class="hint" v-if="g.revokedAt">{{ t('permissions.revokedAt', { time: formatTime(g.revokedAt) }) }}</span>
            <span class="hint" v-else-if="g.expiresAt">{{ t('permissions.validUntil', { time: formatTime(g.expiresAt) }) }}</span>
            <span class="hint" v-else>{{ t('permissions.untilRevoked') }}</span>
          </li>
        </ul>
      </section>
    </div>`,
};

/** The tenant's live service switch and broadcast policy. */
const SettingsPanel = {
  setup() {
    const current = ref(null);
    const form = reactive({ liveServiceEnabled: true, broadcastPolicy: 'SELECTED_MEMBERS' });
    const failure = ref(null);
    const busy = ref(false);
    const saved = ref(false);

    function show(answer) {
      current.value = answer;
      form.liveServiceEnabled = answer.liveServiceEnabled;
      form.broadcastPolicy = answer.broadcastPolicy;
    }

    onMounted(async () => {
      try {
        show(await get(`${API}/tenants/${tenant()}`));
      } catch (problem) {
        failure.value = describe(problem);
      }
    });

    async function save() {
      busy.value = true;
      failure.value = null;
      saved.value = false;
      try {
        show(await request('PUT', `${API}/tenants/${tenant()}/settings`, {
          liveServiceEnabled: form.liveServiceEnabled,
          broadcastPolicy: form.broadcastPolicy,
        }));
        saved.value = true;
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }
    return { t, formatTime, current, form, failure, busy, saved, save, BROADCAST_POLICIES };
  },
  template: `
    <section class="card" id="tenant-settings">
      <h2>{{ t('permissions.settings.title') }}</h2>
      <form v-if="current" @submit.prevent="save" novalidate>
        <label class="inline switch"><input type="checkbox" name="liveServiceEnabled" v-model="form.liveServiceEnabled">
          {{ t('permissions.settings.liveService') }}</label>
        <p class="hint">{{ t('permissions.settings.liveService.hint') }}</p>
        <label>{{ t('permissions.settings.policy') }}
          <select name="broadcastPolicy" v-model="form.broadcastPolicy">
            <option v-for="p in BROADCAST_POLICIES" :value="p">{{ t('permissions.policy.' + p) }}</option>
          </select>
        </label>
        <p class="hint">{{ t('permissions.policy.' + form.broadcastPolicy + '.hint') }}</p>
        <p class="field-error" data-field="broadcastPolicy" v-if="failure && failure.fields.broadcastPolicy">{{ failure.fields.broadcastPolicy }}</p>
        <div class="actions">
          <button type="submit" id="save-settings" :disabled="busy">{{ t('permissions.save') }}</button>
          <span class="hint" id="settings-saved" v-if="saved">{{ t('permissions.saved') }}</span>
        </div>
      </form>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <dl class="facts spaced" v-if="current" id="tenant-facts">
        <dt>{{ t('permissions.settings.tenant') }}</dt><dd>{{ current.name }} ({{ current.id }})</dd>
        <dt>{{ t('permissions.settings.timeZone') }}</dt><dd>{{ current.timeZone }}</dd>
        <template v-for="q in current.qualifications" :key="q.streamType">
          <dt>{{ t('streamType.' + q.streamType) }}</dt>
          <dd :data-qualification="q.streamType">{{ t('permissions.qualification.' + q.status) }}</dd>
        </template>
      </dl>
    </section>`,
};

/** Pending requests (or any status), decided one by one or checked and decided in bulk. */
const InboxPanel = {
  emits: ['counted'],
  setup(props, { emit }) {
    const requests = ref(null);
    const status = ref('PENDING');
    const checked = ref([]);
    const decision = reactive({ comment: '', days: '' });
    const failure = ref(null);
    const outcomes = ref(null);
    const busy = ref(false);

    const pending = computed(() => (requests.value || []).filter((r) => r.status === 'PENDING'));
    const allChecked = computed(
      () => pending.value.length > 0 && pending.value.every((r) => checked.value.includes(r.id)),
    );

    async function load() {
      const query = status.value ? `&status=${status.value}` : '';
      try {
        requests.value = await get(`${API}/permission-requests?size=500${query}`);
        checked.value = checked.value.filter((id) => pending.value.some((r) => r.id === id));
        if (status.value === 'PENDING') {
          emit('counted', requests.value.length);
        }
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    function toggleAll() {
      checked.value = allChecked.value ? [] : pending.value.map((r) => r.id);
    }

    function body() {
      const answer = {};
      if (decision.comment) answer.comment = decision.comment;
      const validity = validFor(decision.days);
      if (validity) answer.validFor = validity;
      return answer;
    }

    async function decide(call) {
      busy.value = true;
      failure.value = null;
      outcomes.value = null;
      try {
        await call();
        decision.comment = '';
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
        await load();
      }
    }

    const approve = (r) => decide(() => post(`${API}/permission-requests/${r.id}/approve`, body()));
    const reject = (r) => decide(() => post(`${API}/permission-requests/${r.id}/reject`, { comment: decision.comment || undefined }));

    function bulk(kind) {
      const ids = [...checked.value];
      const names = Object.fromEntries((requests.value || []).map((r) => [r.id, r.memberId]));
      return decide(async () => {
        const payload = kind === 'approve' ? { ids, ...body() } : { ids, comment: decision.comment || undefined };
        const results = await post(`${API}/permission-requests/${kind}`, payload);
        outcomes.value = {
          kind,
          done: results.filter((r) => !r.reason).length,
          refused: results
            .filter((r) => r.reason)
            .map((r) => ({ id: r.id, member: names[r.id] || r.id, why: problemText(r.reason, r.detail) })),
        };
        checked.value = [];
      });
    }

    watch(status, load);
    onMounted(load);
    return {
      t, formatTime, requests, status, checked, decision, failure, outcomes, busy, pending, allChecked,
      load, toggleAll, approve, reject, bulk, REQUEST_STATUSES,
    };
  },
  template: `
    <section class="card" id="inbox">
      <div class="heading">
        <h2>{{ t('permissions.inbox.title') }}</h2>
        <label class="inline-select">{{ t('permissions.status') }}
          <select name="statusFilter" v-model="status">
            <option value="">{{ t('permissions.status.all') }}</option>
            <option v-for="s in REQUEST_STATUSES" :value="s">{{ t('permissions.status.' + s) }}</option>
          </select>
        </label>
      </div>
      <form class="row-form decision" @submit.prevent novalidate>
        <label>{{ t('permissions.comment') }}
          <input name="comment" v-model="decision.comment" maxlength="2000">
        </label>
        <label>{{ t('permissions.validity') }}
          <input name="validDays" type="number" step="1" v-model="decision.days" :placeholder="t('permissions.validity.placeholder')">
        </label>
        <p class="field-error" data-field="comment" v-if="failure && failure.fields.comment">{{ failure.fields.comment }}</p>
        <p class="field-error" data-field="validFor" v-if="failure && failure.fields.validFor">{{ failure.fields.validFor }}</p>
      </form>
      <p class="hint">{{ t('permissions.decision.hint') }}</p>
      <div class="actions">
        <button type="button" id="bulk-approve" :disabled="busy || !checked.length" @click="bulk('approve')">{{ t('permissions.bulkApprove', { count: checked.length }) }}</button>
        <button type="button" class="danger" id="bulk-reject" :disabled="busy || !checked.length" @click="bulk('reject')">{{ t('permissions.bulkReject', { count: checked.length }) }}</button>
      </div>
      <p class="problem" id="inbox-problem" v-if="failure">{{ failure.message }}</p>
      <div class="outcomes" id="bulk-outcome" v-if="outcomes">
        <p>{{ t(outcomes.kind === 'approve' ? 'permissions.bulk.approved' : 'permissions.bulk.rejected', { count: outcomes.done }) }}</p>
        <ul v-if="outcomes.refused.length">
          <li v-for="o in outcomes.refused" :key="o.id" class="refused-outcome">{{ o.member }}: {{ o.why }}</li>
        </ul>
      </div>
      <p v-if="requests && !requests.length" id="inbox-empty">{{ t('permissions.inbox.empty') }}</p>
      <div class="table-scroll" v-if="requests && requests.length">
        <table id="inbox-table" class="stack">
          <thead><tr>
            <th><input type="checkbox" id="check-all" :checked="allChecked" :disabled="!pending.length" @change="toggleAll" :aria-label="t('permissions.checkAll')"></th>
            <th>{{ t('permissions.member') }}</th><th>{{ t('permissions.purpose') }}</th>
            <th>{{ t('permissions.reason') }}</th><th>{{ t('permissions.requestedAt') }}</th>
            <th>{{ t('permissions.status') }}</th><th>{{ t('permissions.decision') }}</th><th></th>
          </tr></thead>
          <tbody>
            <tr v-for="r in requests" :key="r.id" :data-request-id="r.id" :data-member="r.memberId" :data-status="r.status">
              <td><input type="checkbox" class="check-request" :value="r.id" v-model="checked" v-if="r.status === 'PENDING'" :aria-label="r.memberId"></td>
              <td :data-label="t('permissions.member')">{{ r.memberId }}</td>
              <td :data-label="t('permissions.purpose')">{{ t('permissions.purpose.' + r.purpose) }}</td>
              <td class="wrap" :data-label="t('permissions.reason')">{{ r.reason }}</td>
              <td :data-label="t('permissions.requestedAt')">{{ formatTime(r.requestedAt) }}</td>
              <td :data-label="t('permissions.status')"><span :class="'state request-' + r.status">{{ t('permissions.status.' + r.status) }}</span></td>
              <td class="wrap" :data-label="t('permissions.decision')">{{ r.decisionComment || '' }}<span v-if="r.decidedBy" class="hint"> — {{ r.decidedBy }}</span></td>
              <td class="row-actions" v-if="r.status === 'PENDING'">
                <button type="button" class="approve-request" :disabled="busy" @click="approve(r)">{{ t('permissions.approve') }}</button>
                <button type="button" class="danger reject-request" :disabled="busy" @click="reject(r)">{{ t('permissions.reject') }}</button>
              </td>
              <td v-else></td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>`,
};

function grantState(g) {
  if (g.revokedAt) return 'REVOKED';
  if (g.expiresAt && new Date(g.expiresAt) <= new Date()) return 'EXPIRED';
  return 'ACTIVE';
}

/** The tenant's grants; revoke one, or grant directly without a request. */
const GrantsPanel = {
  setup() {
    const grants = ref(null);
    const failure = ref(null);
    const grantFailure = ref(null);
    const form = reactive({ memberId: '', days: '', revokeReason: '' });
    const busy = ref(false);

    async function load() {
      try {
        grants.value = await get(`${API}/grants?size=500`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function grantDirectly() {
      busy.value = true;
      grantFailure.value = null;
      try {
        const body = { memberId: form.memberId };
        const validity = validFor(form.days);
        if (validity) body.validFor = validity;
        await post(`${API}/grants`, body);
        form.memberId = '';
        await load();
      } catch (problem) {
        grantFailure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }

    async function revoke(g) {
      if (!window.confirm(t('permissions.revokeConfirm', { member: g.memberId }))) {
        return;
      }
      failure.value = null;
      try {
        await post(`${API}/grants/${g.id}/revoke`, form.revokeReason ? { reason: form.revokeReason } : {});
        form.revokeReason = '';
        await load();
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    onMounted(load);
    return { t, formatTime, grants, failure, grantFailure, form, busy, grantDirectly, revoke, grantState };
  },
  template: `
    <section class="card" id="grants">
      <h2>{{ t('permissions.grants.title') }}</h2>
      <form class="row-form" @submit.prevent="grantDirectly" novalidate>
        <label>{{ t('permissions.member') }}
          <input name="grantMemberId" v-model="form.memberId" autocomplete="off">
        </label>
        <label>{{ t('permissions.validity') }}
          <input name="grantDays" type="number" step="1" v-model="form.days" :placeholder="t('permissions.validity.placeholder')">
        </label>
        <p class="field-error" data-field="memberId" v-if="grantFailure && grantFailure.fields.memberId">{{ grantFailure.fields.memberId }}</p>
        <p class="field-error" data-field="validFor" v-if="grantFailure && grantFailure.fields.validFor">{{ grantFailure.fields.validFor }}</p>
        <button type="submit" id="grant-directly" :disabled="busy">{{ t('permissions.grantDirectly') }}</button>
      </form>
      <p class="problem" id="grant-problem" v-if="grantFailure">{{ grantFailure.message }}</p>
      <label>{{ t('permissions.revokeReason') }}
        <input name="revokeReason" v-model="form.revokeReason" maxlength="2000">
      </label>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="grants && !grants.length" id="no-tenant-grants">{{ t('permissions.noGrants') }}</p>
      <div class="table-scroll" v-if="grants && grants.length">
        <table id="grant-table" class="stack">
          <thead><tr>
            <th>{{ t('permissions.member') }}</th><th>{{ t('permissions.subAccount') }}</th>
            <th>{{ t('permissions.grantedBy') }}</th><th>{{ t('permissions.grantedAtColumn') }}</th>
            <th>{{ t('permissions.expiresAt') }}</th><th>{{ t('permissions.status') }}</th><th></th>
          </tr></thead>
          <tbody>
            <tr v-for="g in grants" :key="g.id" :data-grant-id="g.id" :data-member="g.memberId" :data-state="grantState(g)">
              <td :data-label="t('permissions.member')">{{ g.memberId }}</td>
              <td :data-label="t('permissions.subAccount')">{{ g.subAccountLogin }}</td>
              <td :data-label="t('permissions.grantedBy')">{{ g.grantedBy }}</td>
              <td :data-label="t('permissions.grantedAtColumn')">{{ formatTime(g.grantedAt) }}</td>
              <td :data-label="t('permissions.expiresAt')">{{ g.expiresAt ? formatTime(g.expiresAt) : t('permissions.untilRevoked') }}</td>
              <td :data-label="t('permissions.status')"><span :class="'state grant-' + grantState(g)">{{ t('permissions.grant.' + grantState(g)) }}</span></td>
              <td><button v-if="!g.revokedAt" type="button" class="danger revoke-grant" @click="revoke(g)">{{ t('permissions.revoke') }}</button></td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>`,
};

/** The webhook that receives request state changes, and its recent deliveries. */
const WebhookPanel = {
  setup() {
    const webhook = ref(null);
    const deliveries = ref(null);
    const form = reactive({ url: '', secret: '' });
    const failure = ref(null);
    const busy = ref(false);
    const saved = ref(false);
    const base = () => `${API}/tenants/${tenant()}/webhook`;

    async function load() {
      try {
        const [current, recent] = await Promise.all([get(base()), get(`${base()}/deliveries`)]);
        webhook.value = current;
        deliveries.value = recent;
        if (current.url && !form.url) form.url = current.url;
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function save() {
      busy.value = true;
      failure.value = null;
      saved.value = false;
      try {
        webhook.value = await request('PUT', base(), { url: form.url, secret: form.secret });
        form.secret = '';
        saved.value = true;
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }

    async function remove() {
      if (!window.confirm(t('permissions.webhook.removeConfirm'))) {
        return;
      }
      failure.value = null;
      try {
        await request('DELETE', base());
        form.url = '';
        await load();
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    function outcome(d) {
      if (d.deliveredAt) return 'DELIVERED';
      if (d.failedAt) return 'GIVEN_UP';
      return 'RETRYING';
    }

    onMounted(load);
    return { t, formatTime, webhook, deliveries, form, failure, busy, saved, save, remove, load, outcome };
  },
  template: `
    <section class="card" id="webhook">
      <h2>{{ t('permissions.webhook.title') }}</h2>
      <p class="hint" id="webhook-current" v-if="webhook">
        <template v-if="webhook.url">{{ t('permissions.webhook.current', { url: webhook.url, time: formatTime(webhook.updatedAt) }) }}</template>
        <template v-else>{{ t('permissions.webhook.none') }}</template>
      </p>
      <form @submit.prevent="save" novalidate class="row-form">
        <label>{{ t('permissions.webhook.url') }}
          <input name="webhookUrl" v-model="form.url" placeholder="https://">
        </label>
        <label>{{ t('permissions.webhook.secret') }}
          <input name="webhookSecret" type="password" v-model="form.secret" autocomplete="new-password">
        </label>
        <p class="field-error" data-field="url" v-if="failure && failure.fields.url">{{ failure.fields.url }}</p>
        <p class="field-error" data-field="secret" v-if="failure && failure.fields.secret">{{ failure.fields.secret }}</p>
        <div class="actions">
          <button type="submit" id="save-webhook" :disabled="busy">{{ t('permissions.save') }}</button>
          <button type="button" class="danger" id="remove-webhook" v-if="webhook && webhook.url" @click="remove">{{ t('permissions.webhook.remove') }}</button>
        </div>
      </form>
      <p class="hint">{{ t('permissions.webhook.hint') }}</p>
      <p class="hint" id="webhook-saved" v-if="saved">{{ t('permissions.saved') }}</p>
      <p class="problem" id="webhook-problem" v-if="failure">{{ failure.message }}</p>
      <div class="heading">
        <h2>{{ t('permissions.deliveries.title') }}</h2>
        <button type="button" class="secondary" id="refresh-deliveries" @click="load">{{ t('permissions.refresh') }}</button>
      </div>
      <p v-if="deliveries && !deliveries.length" id="no-deliveries">{{ t('permissions.deliveries.none') }}</p>
      <div class="table-scroll" v-if="deliveries && deliveries.length">
        <table id="delivery-table">
          <thead><tr>
            <th>{{ t('permissions.deliveries.createdAt') }}</th><th>{{ t('permissions.deliveries.event') }}</th>
            <th>{{ t('permissions.deliveries.attempts') }}</th><th>{{ t('permissions.status') }}</th>
            <th>{{ t('permissions.deliveries.lastError') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="d in deliveries" :key="d.id" :data-delivery-id="d.id" :data-outcome="outcome(d)">
              <td>{{ formatTime(d.createdAt) }}</td>
              <td>{{ d.eventType }}</td>
              <td class="attempts">{{ d.attempts }}</td>
              <td>
                <span :class="'state delivery-' + outcome(d)">{{ t('permissions.delivery.' + outcome(d)) }}</span>
                <span class="hint" v-if="d.deliveredAt"> {{ formatTime(d.deliveredAt) }}</span>
                <span class="hint" v-else-if="!d.failedAt && d.nextAttemptAt"> {{ t('permissions.deliveries.next', { time: formatTime(d.nextAttemptAt) }) }}</span>
              </td>
              <td class="wrap">{{ d.lastError || '' }}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>`,
};

/** The append-only audit trail, filtered by action, subject and time. */
const AuditPanel = {
  setup() {
    const entries = ref(null);
    const filter = reactive({ action: '', subjectId: '', from: '', to: '' });
    const failure = ref(null);

    async function load() {
      failure.value = null;
      const query = new URLSearchParams({ size: '200' });
      if (filter.action) query.set('action', filter.action);
      if (filter.subjectId) query.set('subjectId', filter.subjectId.trim());
      if (filter.from) query.set('from', new Date(filter.from).toISOString());
      if (filter.to) query.set('to', new Date(filter.to).toISOString());
      try {
        entries.value = await get(`${API}/audit?${query}`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    function details(e) {
      if (!e.details) return '';
      return Object.entries(e.details)
        .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`)
        .join(', ');
    }

    onMounted(load);
    return { t, formatTime, entries, filter, failure, load, details, actionLabel, AUDIT_ACTIONS };
  },
  template: `
    <section class="card" id="audit">
      <h2>{{ t('permissions.audit.title') }}</h2>
      <form class="row-form filters" @submit.prevent="load" novalidate>
        <label>{{ t('permissions.audit.action') }}
          <select name="auditAction" v-model="filter.action">
            <option value="">{{ t('permissions.audit.anyAction') }}</option>
            <option v-for="a in AUDIT_ACTIONS" :value="a">{{ actionLabel(a) }}</option>
          </select>
        </label>
        <label>{{ t('permissions.audit.subject') }}
          <input name="auditSubject" v-model="filter.subjectId" autocomplete="off">
        </label>
        <label>{{ t('permissions.audit.from') }}
          <input name="auditFrom" type="datetime-local" v-model="filter.from">
        </label>
        <label>{{ t('permissions.audit.to') }}
          <input name="auditTo" type="datetime-local" v-model="filter.to">
        </label>
        <p class="field-error" data-field="from" v-if="failure && failure.fields.from">{{ failure.fields.from }}</p>
        <p class="field-error" data-field="to" v-if="failure && failure.fields.to">{{ failure.fields.to }}</p>
        <button type="submit" id="audit-search">{{ t('permissions.audit.search') }}</button>
      </form>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="entries && !entries.length" id="audit-empty">{{ t('permissions.audit.empty') }}</p>
      <div class="table-scroll" v-if="entries && entries.length">
        <table id="audit-table">
          <thead><tr>
            <th>{{ t('permissions.audit.at') }}</th><th>{{ t('permissions.audit.actor') }}</th>
            <th>{{ t('permissions.audit.action') }}</th><th>{{ t('permissions.audit.subject') }}</th>
            <th>{{ t('permissions.audit.reason') }}</th><th>{{ t('permissions.audit.details') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="e in entries" :key="e.seq" :data-seq="e.seq" :data-action="e.action">
              <td>{{ formatTime(e.at) }}</td>
              <td>{{ e.actor }}</td>
              <td :title="e.action">{{ actionLabel(e.action) }}</td>
              <td class="subject">{{ e.subjectId }}</td>
              <td class="wrap">{{ e.reason || '' }}</td>
              <td class="wrap details">{{ details(e) }}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>`,
};

/** The tenant admin's permissions: one section at a time, chosen by the tabs (#/permissions/…). */
export const PermissionsView = {
  props: ['section'],
  components: {
    'settings-panel': SettingsPanel,
    'inbox-panel': InboxPanel,
    'grants-panel': GrantsPanel,
    'webhook-panel': WebhookPanel,
    'audit-panel': AuditPanel,
  },
  setup(props) {
    const shown = computed(() => (PERMISSION_SECTIONS.includes(props.section) ? props.section : 'inbox'));
    const pendingCount = ref(null);
    onMounted(async () => {
      if (shown.value === 'inbox') return; // the inbox counts itself
      try {
        pendingCount.value = (await get(`${API}/permission-requests?status=PENDING&size=500`)).length;
      } catch (problem) {
        pendingCount.value = null;
      }
    });
    return { t, shown, pendingCount, PERMISSION_SECTIONS };
  },
  template: `
    <div class="permissions-page" :data-section="shown">
      <nav class="tabs" id="permission-tabs">
        <a v-for="s in PERMISSION_SECTIONS" :key="s" :href="'#/permissions/' + s" :id="'tab-' + s" :class="{ active: s === shown }">
          {{ t('permissions.tab.' + s) }}<span v-if="s === 'inbox' && pendingCount !== null" :class="{ count: true, zero: pendingCount === 0 }" id="inbox-count">{{ pendingCount }}</span>
        </a>
      </nav>
      <component :is="shown + '-panel'" @counted="pendingCount = $event"></component>
    </div>`,
};
