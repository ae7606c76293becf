// One stream: what it is, its lifecycle actions, its links and its live dashboard.
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { describe } from '../problems.js';
import { role } from '../session.js';
import { StreamLinks } from './links.js';
import { SecondsDashboard, MinutesDashboard } from './dashboards.js';
import { StreamReports } from './reports.js';

const { ref, onMounted } = Vue;

export const StreamView = {
  props: ['id'],
  components: { StreamLinks, SecondsDashboard, MinutesDashboard, StreamReports },
  setup(props) {
    const stream = ref(null);
    const failure = ref(null);
    const busy = ref(false);

    async function load() {
      try {
        stream.value = await get(`api/link/streams/${props.id}`);
      } catch (problem) {
        failure.value = describe(problem);
      }
    }

    async function act(action) {
      busy.value = true;
      failure.value = null;
      try {
        stream.value = await post(`api/link/streams/${props.id}/${action}`);
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    const isTenantAdmin = () => role() === 'tenant-admin';
    return { t, formatTime, stream, failure, busy, act, isTenantAdmin };
  },
  template: `
    <div class="stream-page" v-if="stream" :data-stream-id="stream.id" :data-state="stream.state">
      <section class="card" id="stream">
        <div class="heading">
          <h1 id="stream-title">{{ stream.title }}</h1>
          <span :class="'state state-' + stream.state" id="stream-state">{{ t('streamState.' + stream.state) }}</span>
        </div>
        <dl class="facts">
          <dt>{{ t('stream.type') }}</dt><dd id="stream-type">{{ t('streamType.' + stream.type) }}</dd>
          <dt>{{ t('stream.watchScope') }}</dt><dd>{{ t('watchScope.' + stream.watchScope) }}</dd>
          <dt>{{ t('stream.replayEnabled') }}</dt><dd>{{ stream.replayEnabled ? t('common.yes') : t('common.no') }}</dd>
          <dt v-if="stream.scheduledAt">{{ t('stream.scheduledAt') }}</dt><dd v-if="stream.scheduledAt">{{ formatTime(stream.scheduledAt) }}</dd>
          <dt>{{ t('stream.approved') }}</dt><dd>{{ stream.approved ? t('common.yes') : t('stream.awaitingApproval') }}</dd>
          <dt v-if="stream.publishUrl">{{ t('stream.publishUrl') }}</dt><dd v-if="stream.publishUrl"><code>{{ stream.publishUrl }}</code></dd>
        </dl>
        <p class="problem" id="stream-problem" v-if="failure">{{ failure.message }}</p>
        <div class="actions">
          <button type="button" id="start-stream" v-if="stream.state === 'SCHEDULED'" :disabled="busy" @click="act('start')">{{ t('stream.start') }}</button>
          <button type="button" id="end-stream" class="danger" v-if="stream.state === 'LIVE'" :disabled="busy" @click="act('end')">{{ t('stream.end') }}</button>
          <button type="button" id="approve-stream" v-if="!stream.approved && isTenantAdmin()" :disabled="busy" @click="act('approve')">{{ t('stream.approve') }}</button>
        </div>
      </section>
      <seconds-dashboard v-if="stream.type === 'MINI_PROGRAM'" :stream="stream"></seconds-dashboard>
      <minutes-dashboard v-if="stream.type === 'H5'" :stream="stream"></minutes-dashboard>
      <stream-reports :stream="stream"></stream-reports>
      <stream-links :stream="stream"></stream-links>
    </div>
    <section class="card" v-else-if="failure"><p class="problem" id="stream-problem">{{ failure.message }}</p></section>`,
};
