// Issuing a stream's links per channel with UTM values, copying them, their QR posters, revoking.
// link-service has no "list a stream's links" query yet, so this panel lists the links issued
// from this browser (kept in localStorage per stream).
import { t, formatTime } from '../i18n.js';
import { post } from '../api.js';
import { describe } from '../problems.js';

const { ref, reactive } = Vue;

function storageKey(streamId) {
  return `livelink.console.links.${streamId}`;
}

function remembered(streamId) {
  try {
    return JSON.parse(localStorage.getItem(storageKey(streamId))) || [];
  } catch (unreadable) {
    return [];
  }
}

export const StreamLinks = {
  props: ['stream'],
  setup(props) {
    const links = ref(remembered(props.stream.id));
    const form = reactive({ channel: '', utmSource: '', utmMedium: '', utmCampaign: '' });
    const failure = ref(null);
    const copied = ref(null);
    const busy = ref(false);

    function keep() {
      localStorage.setItem(storageKey(props.stream.id), JSON.stringify(links.value));
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
        links.value = [{ ...issued, revoked: false }, ...links.value];
        keep();
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

    async function revoke(link) {
      if (!confirm(t('links.revokeConfirm', { channel: link.channel }))) {
        return;
      }
      failure.value = null;
      try {
        await post(`api/link/links/${link.linkId}/revoke`);
        link.revoked = true;
        keep();
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    function posterUrl(link) {
      return `api/link/qr.png?size=480&url=${encodeURIComponent(link.url)}`;
    }

    return { t, formatTime, links, form, failure, copied, busy, issue, copy, revoke, posterUrl };
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
      <p class="hint">{{ t('links.issuedHere') }}</p>
      <ul class="links">
        <li v-for="link in links" :key="link.linkId" :data-link-id="link.linkId" :class="{ revoked: link.revoked }">
          <div class="link-meta">
            <strong>{{ link.channel }}</strong>
            <span>{{ t('links.issuedAt', { time: formatTime(link.issuedAt) }) }}</span>
            <span v-if="link.expiresAt">{{ t('links.expiresAt', { time: formatTime(link.expiresAt) }) }}</span>
            <span v-else>{{ t('links.noExpiry') }}</span>
            <span class="revoked-mark" v-if="link.revoked">{{ t('links.revoked') }}</span>
          </div>
          <input class="link-url" readonly :value="link.url">
          <input class="link-page-path" readonly v-if="link.pagePath" :value="link.pagePath" :title="t('links.pagePath')">
          <div class="actions">
            <button type="button" class="copy-link" @click="copy(link)">{{ copied === link.linkId ? t('links.copied') : t('links.copy') }}</button>
            <a class="button secondary" v-if="link.url.startsWith('http')" :href="posterUrl(link)" :download="'livelink-' + link.channel + '.png'">{{ t('links.poster') }}</a>
            <button type="button" class="danger revoke-link" v-if="!link.revoked" @click="revoke(link)">{{ t('links.revoke') }}</button>
          </div>
        </li>
      </ul>
    </section>`,
};
