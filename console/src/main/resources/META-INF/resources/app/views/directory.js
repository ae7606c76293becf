// The tenant's directory, against permission-service: the organisation tree, members with fuzzy
// search, CSV/XLSX import with the per-row report, and groups with their members.
import { t, formatTime } from '../i18n.js';
import { get, post, request } from '../api.js';
import { upload } from '../files.js';
import { describe, fieldMessage } from '../problems.js';
import { tenant } from '../session.js';

const { ref, reactive, computed, onMounted, onUnmounted, watch } = Vue;

export const DIRECTORY_SECTIONS = ['members', 'import', 'groups'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const base = () => `api/permission/tenants/${encodeURIComponent(tenant())}`;

/** The flat node list as a tree in display order, each with its depth. */
export function treeOrder(nodes) {
  const children = new Map();
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(node);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const ordered = [];
  const visit = (parent, depth) => {
    for (const node of children.get(parent) || []) {
      ordered.push({ ...node, depth });
      visit(node.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** One line of an import report, "field: message", in the user's language. */
function rowError(text) {
  const at = text.indexOf(': ');
  if (at < 0) return fieldMessage(text);
  const field = text.slice(0, at);
  return `${field}: ${fieldMessage(text.slice(at + 2))}`;
}

/** The tree on one side, the members of the chosen node (searchable) on the other. */
const MembersPanel = {
  setup() {
    const organisations = ref([]);
    const chosen = ref('');
    const members = ref(null);
    const query = ref('');
    const includeLeft = ref(false);
    const failure = ref(null);
    const orgForm = reactive({ name: '', parentId: '' });
    const orgFailure = ref(null);
    const memberForm = reactive({ account: '', displayName: '', id: '', phone: '', email: '' });
    const memberFailure = ref(null);
    const adding = ref(false);
    let timer = null;

    const tree = computed(() => treeOrder(organisations.value));
    const names = computed(() => Object.fromEntries(organisations.value.map((o) => [o.id, o.name])));

    async function loadTree() {
      try {
        organisations.value = await get(`${base()}/organisations`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    let asked = 0;
    async function search() {
      const mine = ++asked;
      const params = new URLSearchParams({ size: '200' });
      if (query.value.trim()) params.set('q', query.value.trim());
      if (chosen.value) params.set('organisationId', chosen.value);
      if (includeLeft.value) params.set('includeLeft', 'true');
      try {
        const found = await get(`${base()}/members?${params}`);
        if (mine === asked) {
          members.value = found;
          failure.value = null;
        }
      } catch (problem) {
        if (mine === asked) failure.value = describe(problem);
      }
    }

    watch(query, () => {
      clearTimeout(timer);
      timer = setTimeout(search, 300);
    });
    watch([chosen, includeLeft], search);
    onUnmounted(() => clearTimeout(timer));

    async function addOrganisation() {
      orgFailure.value = null;
      try {
        const body = { name: orgForm.name };
        if (orgForm.parentId) body.parentId = orgForm.parentId;
        const created = await post(`${base()}/organisations`, body);
        orgForm.name = '';
        await loadTree();
        chosen.value = created.id;
      } catch (problem) {
        orgFailure.value = describe(problem);
      }
    }

    async function addMember() {
      memberFailure.value = null;
      const body = { account: memberForm.account, displayName: memberForm.displayName };
      for (const key of ['id', 'phone', 'email']) {
        if (memberForm[key]) body[key] = memberForm[key];
      }
      if (chosen.value) body.organisationId = chosen.value;
      try {
        await post(`${base()}/members`, body);
        Object.assign(memberForm, { account: '', displayName: '', id: '', phone: '', email: '' });
        adding.value = false;
        await search();
      } catch (problem) {
        memberFailure.value = describe(problem);
      }
    }

    onMounted(async () => {
      await loadTree();
      await search();
    });
    return {
      t, formatTime, organisations, tree, names, chosen, members, query, includeLeft, failure,
      orgForm, orgFailure, addOrganisation, memberForm, memberFailure, addMember, adding,
    };
  },
  template: `
    <div class="directory-grid">
      <section class="card" id="organisations">
        <h2>{{ t('directory.tree.title') }}</h2>
        <ul class="tree" id="organisation-tree">
          <li :class="{ chosen: chosen === '' }"><a href="" @click.prevent="chosen = ''" data-organisation-id="">{{ t('directory.tree.all') }}</a></li>
          <li v-for="o in tree" :key="o.id" :style="{ paddingLeft: (o.depth * 16 + 8) + 'px' }" :class="{ chosen: chosen === o.id }" :data-depth="o.depth">
            <a href="" @click.prevent="chosen = o.id" :data-organisation-id="o.id">{{ o.name }}</a>
          </li>
        </ul>
        <form class="stacked" @submit.prevent="addOrganisation" novalidate>
          <label>{{ t('directory.organisation.name') }}
            <input name="organisationName" v-model="orgForm.name" maxlength="200">
          </label>
          <p class="field-error" data-field="name" v-if="orgFailure && orgFailure.fields.name">{{ orgFailure.fields.name }}</p>
          <label>{{ t('directory.organisation.parent') }}
            <select name="organisationParent" v-model="orgForm.parentId">
              <option value="">{{ t('directory.organisation.top') }}</option>
              <option v-for="o in tree" :value="o.id">{{ '\u00a0\u00a0'.repeat(o.depth) + o.name }}</option>
            </select>
          </label>
          <p class="field-error" data-field="parentId" v-if="orgFailure && orgFailure.fields.parentId">{{ orgFailure.fields.parentId }}</p>
          <p class="problem" v-if="orgFailure">{{ orgFailure.message }}</p>
          <button type="submit" class="secondary" id="add-organisation">{{ t('directory.organisation.add') }}</button>
        </form>
      </section>
      <section class="card" id="members">
        <div class="heading">
          <h2>{{ chosen ? names[chosen] : t('directory.members.title') }}</h2>
          <button type="button" class="secondary" id="show-add-member" @click="adding = !adding">{{ t('directory.member.add') }}</button>
        </div>
        <form class="row-form" v-if="adding" @submit.prevent="addMember" novalidate id="add-member-form">
          <label>{{ t('directory.member.account') }}<input name="memberAccount" v-model="memberForm.account"></label>
          <label>{{ t('directory.member.displayName') }}<input name="memberDisplayName" v-model="memberForm.displayName"></label>
          <p class="field-error" data-field="account" v-if="memberFailure && memberFailure.fields.account">{{ memberFailure.fields.account }}</p>
          <p class="field-error" data-field="displayName" v-if="memberFailure && memberFailure.fields.displayName">{{ memberFailure.fields.displayName }}</p>
          <label>{{ t('directory.member.id') }}<input name="memberId" v-model="memberForm.id" :placeholder="t('directory.member.id.placeholder')"></label>
          <label>{{ t('directory.member.phone') }}<input name="memberPhone" v-model="memberForm.phone"></label>
          <p class="field-error" data-field="id" v-if="memberFailure && memberFailure.fields.id">{{ memberFailure.fields.id }}</p>
          <p class="field-error" data-field="phone" v-if="memberFailure && memberFailure.fields.phone">{{ memberFailure.fields.phone }}</p>
          <label>{{ t('directory.member.email') }}<input name="memberEmail" v-model="memberForm.email"></label>
          <p class="field-error" data-field="email" v-if="memberFailure && memberFailure.fields.email">{{ memberFailure.fields.email }}</p>
          <button type="submit" id="add-member">{{ t('action.create') }}</button>
        </form>
        <p class="problem" id="add-member-problem" v-if="memberFailure">{{ memberFailure.message }}</p>
        <div class="row-form">
          <label>{{ t('directory.search') }}
            <input name="memberSearch" type="search" v-model="query" :placeholder="t('directory.search.placeholder')" autocomplete="off">
          </label>
          <label class="inline"><input type="checkbox" name="includeLeft" v-model="includeLeft"> {{ t('directory.includeLeft') }}</label>
        </div>
        <p class="problem" v-if="failure">{{ failure.message }}</p>
        <p v-if="members && !members.length" id="no-members">{{ t('directory.members.none') }}</p>
        <div class="table-scroll" v-if="members && members.length">
          <table id="member-table" class="stack">
            <thead><tr>
              <th>{{ t('directory.member.displayName') }}</th><th>{{ t('directory.member.account') }}</th>
              <th>{{ t('directory.member.id') }}</th><th>{{ t('directory.member.phone') }}</th>
              <th>{{ t('directory.member.organisation') }}</th><th>{{ t('directory.member.status') }}</th><th></th>
            </tr></thead>
            <tbody>
              <tr v-for="m in members" :key="m.id" :data-member-id="m.id">
                <td class="member-name" :data-label="t('directory.member.displayName')">{{ m.displayName }}</td>
                <td :data-label="t('directory.member.account')">{{ m.account }}</td>
                <td :data-label="t('directory.member.id')">{{ m.id }}</td>
                <td :data-label="t('directory.member.phone')">{{ m.phone || '' }}</td>
                <td :data-label="t('directory.member.organisation')">{{ m.organisationId ? (names[m.organisationId] || m.organisationId) : '' }}</td>
                <td :data-label="t('directory.member.status')"><span :class="'state member-' + m.status">{{ t('directory.memberStatus.' + m.status) }}</span></td>
                <td class="row-actions"><a class="member-links" :href="'#/member-links/' + encodeURIComponent(m.id)">{{ t('memberLinks.open') }}</a></td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </div>`,
};

/** A CSV or XLSX file of members; the API's report, row by row. */
const ImportPanel = {
  setup() {
    const file = ref(null);
    const report = ref(null);
    const failure = ref(null);
    const busy = ref(false);

    function choose(event) {
      file.value = event.target.files[0] || null;
      report.value = null;
      failure.value = null;
    }

    async function send() {
      if (!file.value) return;
      busy.value = true;
      failure.value = null;
      report.value = null;
      const xlsx = /\.xlsx$/i.test(file.value.name);
      try {
        report.value = await upload(`${base()}/members/import`, file.value, xlsx ? XLSX : 'text/csv');
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }
    return { t, file, report, failure, busy, choose, send, rowError };
  },
  template: `
    <section class="card" id="member-import">
      <h2>{{ t('directory.import.title') }}</h2>
      <p class="hint">{{ t('directory.import.hint') }}</p>
      <form class="stacked" @submit.prevent="send" novalidate>
        <label>{{ t('directory.import.file') }}
          <input type="file" name="importFile" accept=".csv,.xlsx,text/csv" @change="choose">
        </label>
        <p class="field-error" data-field="body" v-if="failure && failure.fields.body">{{ failure.fields.body }}</p>
        <div class="actions">
          <button type="submit" id="import-submit" :disabled="busy || !file">{{ t('directory.import.submit') }}</button>
        </div>
      </form>
      <p class="problem" id="import-problem" v-if="failure">{{ failure.message }}</p>
      <div v-if="report" id="import-report">
        <p class="import-summary">
          <span class="state member-ACTIVE" id="import-imported">{{ t('directory.import.imported', { count: report.imported }) }}</span>
          <span class="state import-failed" id="import-failed">{{ t('directory.import.failed', { count: report.failed }) }}</span>
        </p>
        <div class="table-scroll">
          <table id="import-table" class="stack">
            <thead><tr>
              <th>{{ t('directory.import.line') }}</th><th>{{ t('directory.member.id') }}</th>
              <th>{{ t('directory.member.status') }}</th><th>{{ t('directory.import.errors') }}</th>
            </tr></thead>
            <tbody>
              <tr v-for="row in report.rows" :key="row.line" :data-line="row.line" :data-status="row.status">
                <td :data-label="t('directory.import.line')">{{ row.line }}</td>
                <td :data-label="t('directory.member.id')">{{ row.memberId || '' }}</td>
                <td :data-label="t('directory.member.status')"><span :class="'state import-' + row.status">{{ t('directory.import.status.' + row.status) }}</span></td>
                <td class="wrap row-errors" :data-label="t('directory.import.errors')"><div v-for="e in row.errors">{{ rowError(e) }}</div></td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </section>`,
};

/** Groups: the list, creating one, and a chosen group's members (add, remove). */
const GroupsPanel = {
  setup() {
    const groups = ref(null);
    const chosen = ref(null);
    const failure = ref(null);
    const createForm = reactive({ name: '' });
    const createFailure = ref(null);
    const memberFailure = ref(null);
    const candidate = ref('');
    const candidates = ref([]);
    let timer = null;

    async function loadGroups() {
      try {
        groups.value = await get(`${base()}/groups?size=500`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function open(id) {
      memberFailure.value = null;
      try {
        chosen.value = await get(`${base()}/groups/${id}`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function create() {
      createFailure.value = null;
      try {
        const created = await post(`${base()}/groups`, { name: createForm.name, memberIds: [] });
        createForm.name = '';
        await loadGroups();
        await open(created.id);
      } catch (problem) {
        createFailure.value = describe(problem);
      }
    }

    const managed = computed(() => chosen.value && chosen.value.origin === 'TRAINING_CLASS');

    async function addMember(id) {
      memberFailure.value = null;
      try {
        chosen.value = await post(`${base()}/groups/${chosen.value.id}/members`, { memberIds: [id] });
        candidate.value = '';
        candidates.value = [];
        await loadGroups();
      } catch (problem) {
        memberFailure.value = describe(problem);
      }
    }

    async function removeMember(m) {
      memberFailure.value = null;
      try {
        chosen.value = await request('DELETE', `${base()}/groups/${chosen.value.id}/members/${encodeURIComponent(m.id)}`);
        await loadGroups();
      } catch (problem) {
        memberFailure.value = describe(problem);
      }
    }

    watch(candidate, (q) => {
      clearTimeout(timer);
      if (!q.trim()) {
        candidates.value = [];
        return;
      }
      timer = setTimeout(async () => {
        try {
          const found = await get(`${base()}/members?size=8&q=${encodeURIComponent(q.trim())}`);
          const inside = new Set((chosen.value ? chosen.value.members : []).map((m) => m.id));
          candidates.value = found.filter((m) => !inside.has(m.id));
        } catch (problem) {
          memberFailure.value = describe(problem);
        }
      }, 300);
    });
    onUnmounted(() => clearTimeout(timer));

    onMounted(loadGroups);
    return {
      t, formatTime, groups, chosen, failure, createForm, createFailure, memberFailure, candidate,
      candidates, managed, open, create, addMember, removeMember,
    };
  },
  template: `
    <div class="directory-grid">
      <section class="card" id="groups">
        <h2>{{ t('directory.groups.title') }}</h2>
        <form class="stacked" @submit.prevent="create" novalidate>
          <label>{{ t('directory.group.name') }}
            <input name="groupName" v-model="createForm.name" maxlength="200">
          </label>
          <p class="field-error" data-field="name" v-if="createFailure && createFailure.fields.name">{{ createFailure.fields.name }}</p>
          <button type="submit" id="create-group">{{ t('directory.group.create') }}</button>
        </form>
        <p class="problem" id="create-group-problem" v-if="createFailure">{{ createFailure.message }}</p>
        <p class="problem" v-if="failure">{{ failure.message }}</p>
        <p v-if="groups && !groups.length" id="no-groups">{{ t('directory.groups.none') }}</p>
        <ul class="plain-list groups" v-if="groups && groups.length" id="group-list">
          <li v-for="g in groups" :key="g.id" :data-group-id="g.id" :class="{ chosen: chosen && chosen.id === g.id }">
            <a href="" @click.prevent="open(g.id)" class="group-name">{{ g.name }}</a>
            <span class="hint group-count">{{ t('directory.group.members', { count: g.memberCount }) }}</span>
            <span class="hint" v-if="g.origin === 'TRAINING_CLASS'">{{ t('directory.group.fromClass', { code: g.classCode || g.classId }) }}</span>
          </li>
        </ul>
      </section>
      <section class="card" id="group" v-if="chosen" :data-group-id="chosen.id">
        <h2>{{ chosen.name }}</h2>
        <p class="hint" v-if="managed">{{ t('directory.group.managed') }}</p>
        <div v-if="!managed" class="stacked">
          <label>{{ t('directory.group.addMember') }}
            <input name="groupCandidate" type="search" v-model="candidate" :placeholder="t('directory.search.placeholder')" autocomplete="off">
          </label>
          <ul class="plain-list candidates" v-if="candidates.length" id="group-candidates">
            <li v-for="m in candidates" :key="m.id" :data-member-id="m.id">
              <span>{{ m.displayName }} <span class="hint">{{ m.account }}</span></span>
              <button type="button" class="secondary add-to-group" @click="addMember(m.id)">{{ t('directory.group.add') }}</button>
            </li>
          </ul>
        </div>
        <p class="field-error" data-field="memberIds" v-if="memberFailure && memberFailure.fields.memberIds">{{ memberFailure.fields.memberIds }}</p>
        <p class="problem" id="group-problem" v-if="memberFailure">{{ memberFailure.message }}</p>
        <p v-if="!chosen.members.length" id="group-empty">{{ t('directory.group.empty') }}</p>
        <ul class="plain-list" id="group-members" v-if="chosen.members.length">
          <li v-for="m in chosen.members" :key="m.id" :data-member-id="m.id">
            <span>{{ m.displayName }} <span class="hint">{{ m.account }}</span></span>
            <button v-if="!managed" type="button" class="danger remove-from-group" @click="removeMember(m)">{{ t('directory.group.remove') }}</button>
          </li>
        </ul>
      </section>
    </div>`,
};

export const DirectoryView = {
  props: ['section'],
  components: {
    'members-panel': MembersPanel,
    'import-panel': ImportPanel,
    'groups-panel': GroupsPanel,
  },
  setup(props) {
    const shown = computed(() => (DIRECTORY_SECTIONS.includes(props.section) ? props.section : 'members'));
    return { t, shown, DIRECTORY_SECTIONS };
  },
  template: `
    <div class="directory-page" :data-section="shown">
      <nav class="tabs" id="directory-tabs">
        <a v-for="s in DIRECTORY_SECTIONS" :key="s" :href="'#/directory/' + s" :id="'tab-' + s" :class="{ active: s === shown }">{{ t('directory.tab.' + s) }}</a>
      </nav>
      <component :is="shown + '-panel'"></component>
    </div>`,
};
