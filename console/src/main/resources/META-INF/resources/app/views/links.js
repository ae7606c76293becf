// A stream's links, from link-service (GET /streams/{id}/links, newest first, a page at a time):
// issuing one per channel with UTM values, copying it, its QR poster, revoking it. And a member's
// links (GET /members/{id}/links), looked up by member id.
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { describe } from '../problems.js';
import { role, member } from '../session.js';

const { ref, reactive, onMounted, watch } = Vue;

export const LINKS_PAGE_SIZE = 20;

/** The UTM values of a link as one line, e.g. "weibo / social / spring". */
function utmOf(link) {
  return [link.utmSource, link.utmMedium, link.utmCampaign].filter(Boolean).join(' / ');
}

/**
 * Revokes a link once the user confirmed, then reloads the list it is on; a refusal is put in
 * the panel's failure.
 */
async function revokeAndReload(link, failure, reload) {
  if (!confirm(t('links.revokeConfirm', { channel: link.channel }))) {
    return;
  }
  failure.value = null;
  try {
    await post(`api/link/links/${link.linkId}/revoke`);
    await reload();
  } catch (problem) {
    failure.value = describe(problem);
  }
}

/** Newer / older page buttons over a list the API pages. */
const Pager = {
  props: ['page', 'full', 'prefix'],
  emits: ['go'],
  setup() {
    return { t };
  },
  template: `
    <div class="pager" v-if="page > 0 || full">
      <button type="button" class="secondary" :id="prefix + '-newer'" :disabled="page === 0" @click="$emit('go', page - 1)">{{ t('links.newer') }}</button>
      <span>{{ t('links.page', { page: page + 1 }) }}</span>
      <button type="button" class="secondary" :id="prefix + '-older'" :disabled="!full" @click="$emit('go', page + 1)">{{ t('links.older') }}</button>
    </div>`,
};

export const StreamLinks = {
  props: ['stream'],
  components: { Pager },
  setup(props) {
    const links = ref([]);
    const page = ref(0);
    const form = reactive({ channel: '', utmSource: '', utmMedium: '', utmCampaign: '' });
    const failure = ref(null);
    const copied = ref(null);
    const busy = ref(false);
    // The signed URL of a member link is answered once, when it is issued; the list has none.
    const issuedHere = new Map();

    async function load() {
      try {
        const listed = await get(
          `api/link/streams/${props.stream.id}/links?page=${page.value}&size=${LINKS_PAGE_SIZE}`,
        );
        links.value = listed.map((link) => ({ ...link, url: link.url || issuedHere.get(link.linkId) || null }));
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function issue() {
      busy.value = true;
      failure.value = null;
      const body = { channel: form.channel };
      for (const utm of ['utmSource', 'utmMedium', 'utmCampaign']) {
        if (form[utm]) body[utm] = form[utm];
      }
      try {
        const issued = await post(`api/link/streams/${props.stream.id}/links`, body);
        issuedHere.set(issued.linkId, issued.url);
        page.value = 0;
        await load();
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }

    async function copy(link) {
      try {
        await navigator.clipboard.writeText(link.url);
      } catch (refused) {
        // A browser that keeps the clipboard closed: select the text for the user to copy.
        const field = document.querySelector(`[data-link-id="${link.linkId}"] .link-url`);
        if (field) field.select();
      }
      copied.value = link.linkId;
      setTimeout(() => (copied.value = null), 2000);
    }

    const revoke = (link) => revokeAndReload(link, failure, load);

    function posterUrl(link) {
      return `api/link/qr.png?size=480&url=${encodeURIComponent(link.url)}`;
    }

    function go(to) {
      page.value = to;
      load();
    }

    onMounted(load);
    const mayRevoke = () => role() === 'tenant-admin';
    return {
      t, formatTime, utmOf, links, page, form, failure, copied, busy, issue, copy, revoke,
      posterUrl, go, mayRevoke, LINKS_PAGE_SIZE,
    };
  },
  template: `
    <section class="card" id="links">
      <h2>{{ t('links.title') }}</h2>
      <form class="row-form" @submit.prevent="issue" novalidate>
        <label>{{ t('links.channel') }}
          <input name="channel" v-model="form.channel" placeholder="wechat-menu">
          <span class="field-error" data-field="channel" v-if="failure && failure.fields.channel">{{ failure.fields.channel }}</span>
        </label>
        <label>utm_source
          <input name="utmSource" v-model="form.utmSource">
          <span class="field-error" data-field="utmSource" v-if="failure && failure.fields.utmSource">{{ failure.fields.utmSource }}</span>
        </label>
        <label>utm_medium
          <input name="utmMedium" v-model="form.utmMedium">
          <span class="field-error" data-field="utmMedium" v-if="failure && failure.fields.utmMedium">{{ failure.fields.utmMedium }}</span>
        </label>
        <label>utm_campaign
          <input name="utmCampaign" v-model="form.utmCampaign">
          <span class="field-error" data-field="utmCampaign" v-if="failure && failure.fields.utmCampaign">{{ failure.fields.utmCampaign }}</span>
        </label>
        <button type="submit" id="issue-link" :disabled="busy">{{ t('links.issue') }}</button>
      </form>
      <p class="problem" id="links-problem" v-if="failure">{{ failure.message }}</p>
      <p class="hint" v-if="!links.length && page === 0" id="no-links">{{ t('links.none') }}</p>
      <ul class="links" id="stream-links">
        <li v-for="link in links" :key="link.linkId" :data-link-id="link.linkId" :class="{ revoked: !!link.revokedAt }">
          <div class="link-meta">
            <strong class="link-channel">{{ link.channel }}</strong>
            <span class="link-utm" v-if="utmOf(link)">{{ utmOf(link) }}</span>
            <span class="link-member" v-if="link.memberId">{{ t('links.forMember', { member: link.memberId }) }}</span>
            <span>{{ t('links.issuedAt', { time: formatTime(link.issuedAt) }) }}</span>
            <span v-if="link.expiresAt">{{ t('links.expiresAt', { time: formatTime(link.expiresAt) }) }}</span>
            <span v-else>{{ t('links.noExpiry') }}</span>
            <span class="revoked-mark" v-if="link.revokedAt">{{ t('links.revokedAt', { time: formatTime(link.revokedAt) }) }}</span>
          </div>
          <input class="link-url" readonly v-if="link.url" :value="link.url">
          <p class="hint" v-else>{{ t('links.signedOnIssue') }}</p>
          <input class="link-page-path" readonly v-if="link.pagePath" :value="link.pagePath" :title="t('links.pagePath')">
          <div class="actions">
            <button type="button" class="copy-link" v-if="link.url" @click="copy(link)">{{ copied === link.linkId ? t('links.copied') : t('links.copy') }}</button>
            <a class="button secondary" v-if="link.url && link.url.startsWith('http')" :href="posterUrl(link)" :download="'livelink-' + link.channel + '.png'">{{ t('links.poster') }}</a>
            <button type="button" class="danger revoke-link" v-if="!link.revokedAt && mayRevoke()" @click="revoke(link)">{{ t('links.revoke') }}</button>
          </div>
        </li>
      </ul>
      <pager prefix="links" :page="page" :full="links.length === LINKS_PAGE_SIZE" @go="go"></pager>
    </section>`,
};

/** A member's links across streams, looked up by member id (a member sees their own). */
export const MemberLinksView = {
  props: ['memberId'],
  components: { Pager },
  setup(props) {
    const isAdmin = role() === 'tenant-admin';
    const asked = ref(props.memberId ? decodeURIComponent(props.memberId) : isAdmin ? '' : member());
    const field = ref(asked.value || '');
    const links = ref(null);
    const page = ref(0);
    const failure = ref(null);

    async function load() {
      failure.value = null;
      if (!asked.value) {
        links.value = null;
        return;
      }
      try {
        links.value = await get(
          `api/link/members/${encodeURIComponent(asked.value)}/links?page=${page.value}&size=${LINKS_PAGE_SIZE}`,
        );
      } catch (problem) {
        links.value = null;
        failure.value = describe(problem);
      }
    }

    function lookUp() {
      const id = field.value.trim();
      if (id) location.hash = `#/member-links/${encodeURIComponent(id)}`;
    }

    const revoke = (link) => revokeAndReload(link, failure, load);

    function go(to) {
      page.value = to;
      load();
    }

    const expired = (link) => !!link.expiresAt && Date.parse(link.expiresAt) <= Date.now();

    onMounted(load);
    return { t, formatTime, utmOf, expired, isAdmin, asked, field, links, page, failure, lookUp, revoke, go, LINKS_PAGE_SIZE };
  },
  template: `
    <section class="card" id="member-links">
      <h1>{{ t('memberLinks.title') }}</h1>
      <p class="hint">{{ t('memberLinks.hint') }}</p>
      <form class="row-form" @submit.prevent="lookUp" novalidate v-if="isAdmin">
        <label>{{ t('memberLinks.memberId') }}
          <input name="linksMemberId" v-model="field" autocomplete="off">
        </label>
        <button type="submit" id="look-up-member-links">{{ t('memberLinks.lookUp') }}</button>
      </form>
      <p class="problem" id="member-links-problem" v-if="failure">{{ failure.message }}</p>
      <h2 v-if="asked && links">{{ t('memberLinks.of', { member: asked }) }}</h2>
      <p v-if="links && !links.length" id="no-member-links">{{ t('memberLinks.none') }}</p>
      <div class="table-scroll" v-if="links && links.length">
        <table id="member-links-table" class="stack">
          <thead><tr>
            <th>{{ t('memberLinks.stream') }}</th><th>{{ t('links.channel') }}</th><th>UTM</th>
            <th>{{ t('memberLinks.issued') }}</th><th>{{ t('memberLinks.expires') }}</th><th>{{ t('memberLinks.state') }}</th><th></th>
          </tr></thead>
          <tbody>
            <tr v-for="link in links" :key="link.linkId" :data-link-id="link.linkId" :class="{ revoked: !!link.revokedAt }">
              <td :data-label="t('memberLinks.stream')"><a :href="'#/streams/' + link.streamId">{{ link.streamId }}</a></td>
              <td :data-label="t('links.channel')">{{ link.channel }}</td>
              <td data-label="UTM">{{ utmOf(link) }}</td>
              <td :data-label="t('memberLinks.issued')">{{ formatTime(link.issuedAt) }}</td>
              <td :data-label="t('memberLinks.expires')">{{ link.expiresAt ? formatTime(link.expiresAt) : t('links.noExpiry') }}</td>
              <td :data-label="t('memberLinks.state')">
                <span class="revoked-mark" v-if="link.revokedAt">{{ t('links.revokedAt', { time: formatTime(link.revokedAt) }) }}</span>
                <span v-else-if="expired(link)" class="expired-mark">{{ t('memberLinks.expired') }}</span>
                <span v-else>{{ t('memberLinks.active') }}</span>
              </td>
              <td class="row-actions"><button type="button" class="danger revoke-link" v-if="isAdmin && !link.revokedAt" @click="revoke(link)">{{ t('links.revoke') }}</button></td>
            </tr>
          </tbody>
        </table>
      </div>
      <pager prefix="member-links" :page="page" :full="links && links.length === LINKS_PAGE_SIZE" @go="go"></pager>
    </section>`,
};
