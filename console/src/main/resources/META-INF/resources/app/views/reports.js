// A stream's reports beside its live dashboard: the viewers' behaviour records (each view
// session's join, leave and seconds watched, from analytics-service's GET /streams/{id}/viewers)
// as a paged table over one hour, and the exports analytics offers for the stream's type, as
// downloads.
import { t, formatTime } from '../i18n.js';
import { get } from '../api.js';
import { download } from '../files.js';
import { describe } from '../problems.js';

const { ref, computed, onMounted, onUnmounted } = Vue;

const HOUR_MS = 3600 * 1000;
const MINUTE_MS = 60 * 1000;
// analytics-service answers at most an hour of behaviour records (and MINI_PROGRAM seconds) per
// request, and a week of H5 minutes (livelink.analytics.query.max-range, max-minute-range).
const MAX_MINUTES_RANGE_MS = 7 * 24 * HOUR_MS;
const RECORDS_PAGE_SIZE = 20;
const RECORDS_REFRESH_MS = 10000;

/** Which exports analytics-service offers for a stream type: the report and the format. */
export const EXPORTS = {
  MINI_PROGRAM: [
    { report: 'seconds', format: 'csv' },
    { report: 'seconds', format: 'xlsx' },
    { report: 'viewers', format: 'csv' },
    { report: 'viewers', format: 'xlsx' },
  ],
  H5: [
    { report: 'minutes', format: 'json' },
    { report: 'minutes', format: 'pdf' },
  ],
  ENTERPRISE: [],
};

/** The end of the latest hour shown: now, rounded up to the next minute. */
function latestWindowEnd() {
  return Math.ceil(Date.now() / MINUTE_MS) * MINUTE_MS;
}

export const StreamReports = {
  props: ['stream'],
  setup(props) {
    const windowEnd = ref(latestWindowEnd());
    const following = ref(true);
    const page = ref(0);
    const records = ref([]);
    const failure = ref(null);
    const exporting = ref(null);
    const downloaded = ref(null);
    const exportFailure = ref(null);
    let timer = null;

    const from = computed(() => new Date(windowEnd.value - HOUR_MS).toISOString());
    const to = computed(() => new Date(windowEnd.value).toISOString());

    async function load() {
      if (following.value) windowEnd.value = latestWindowEnd();
      const params = new URLSearchParams({
        from: from.value, to: to.value, page: String(page.value), size: String(RECORDS_PAGE_SIZE),
      });
      try {
        records.value = await get(`api/analytics/streams/${props.stream.id}/viewers?${params}`);
        failure.value = null;
      } catch (problem) {
        // 404: analytics-service has not seen the stream's first event yet; the next refresh
        // asks again.
        failure.value = problem.status === 404 ? null : describe(problem);
      }
    }

    function shift(hours) {
      windowEnd.value = Math.min(windowEnd.value + hours * HOUR_MS, latestWindowEnd());
      following.value = windowEnd.value >= latestWindowEnd();
      page.value = 0;
      load();
    }

    function go(to) {
      page.value = to;
      load();
    }

    /** H5 minutes cover the stream so far (a week at most); the others the hour shown. */
    function rangeOf(report) {
      if (report !== 'minutes') return { from: from.value, to: to.value };
      const end = latestWindowEnd();
      const created = Date.parse(props.stream.createdAt) - MINUTE_MS;
      return { from: new Date(Math.max(created, end - MAX_MINUTES_RANGE_MS)).toISOString(), to: new Date(end).toISOString() };
    }

    async function exportAs(entry) {
      const key = `${entry.report}-${entry.format}`;
      exporting.value = key;
      exportFailure.value = null;
      downloaded.value = null;
      const range = rangeOf(entry.report);
      const params = new URLSearchParams({ format: entry.format, from: range.from, to: range.to });
      try {
        const file = await download(
          `api/analytics/streams/${props.stream.id}/${entry.report}/export?${params}`,
          `stream-${props.stream.id}-${entry.report}.${entry.format}`,
        );
        downloaded.value = { ...file, key };
      } catch (problem) {
        exportFailure.value = describe(problem);
      } finally {
        exporting.value = null;
      }
    }

    const exports = computed(() => EXPORTS[props.stream.type] || []);

    onMounted(() => {
      load();
      timer = setInterval(() => {
        if (following.value && page.value === 0) load();
      }, RECORDS_REFRESH_MS);
    });
    onUnmounted(() => clearInterval(timer));

    return {
      t, formatTime, records, page, failure, from, to, following, shift, go, load, exports,
      exportAs, exporting, downloaded, exportFailure, RECORDS_PAGE_SIZE,
    };
  },
  template: `
    <section class="card" id="viewer-records" :data-from="from" :data-to="to" :data-page="page">
      <div class="heading">
        <h2>{{ t('reports.recordsTitle') }}</h2>
        <button type="button" class="secondary" id="refresh-records" @click="load">{{ t('reports.refresh') }}</button>
      </div>
      <p class="hint">{{ t('reports.recordsHint') }}</p>
      <div class="pager">
        <button type="button" class="secondary" id="records-earlier-hour" @click="shift(-1)">{{ t('reports.earlierHour') }}</button>
        <span id="records-window">{{ t('reports.window', { from: formatTime(from), to: formatTime(to) }) }}</span>
        <button type="button" class="secondary" id="records-later-hour" :disabled="following" @click="shift(1)">{{ t('reports.laterHour') }}</button>
      </div>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="!records.length" class="hint" id="no-records">{{ t('reports.noRecords') }}</p>
      <div class="table-scroll" v-if="records.length">
        <table id="records-table" class="stack">
          <thead><tr>
            <th>{{ t('reports.viewer') }}</th><th>{{ t('dashboard.channel') }}</th><th>{{ t('reports.device') }}</th>
            <th>{{ t('reports.playback') }}</th><th>{{ t('reports.joinedAt') }}</th><th>{{ t('reports.leftAt') }}</th>
            <th>{{ t('reports.secondsWatched') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="r in records" :key="r.sessionId" :data-session-id="r.sessionId">
              <td :data-label="t('reports.viewer')" class="record-viewer">{{ r.viewerId }}</td>
              <td :data-label="t('dashboard.channel')">{{ r.channel }}</td>
              <td :data-label="t('reports.device')">{{ r.device }}</td>
              <td :data-label="t('reports.playback')">{{ r.playback }}</td>
              <td :data-label="t('reports.joinedAt')" :data-time="r.joinedAt">{{ formatTime(r.joinedAt) }}</td>
              <td :data-label="t('reports.leftAt')" :data-time="r.leftAt">{{ r.leftAt ? formatTime(r.leftAt) : t('reports.stillWatching') }}</td>
              <td :data-label="t('reports.secondsWatched')" class="record-seconds">{{ r.secondsWatched }}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div class="pager" v-if="page > 0 || records.length === RECORDS_PAGE_SIZE">
        <button type="button" class="secondary" id="records-newer" :disabled="page === 0" @click="go(page - 1)">{{ t('links.newer') }}</button>
        <span>{{ t('links.page', { page: page + 1 }) }}</span>
        <button type="button" class="secondary" id="records-older" :disabled="records.length < RECORDS_PAGE_SIZE" @click="go(page + 1)">{{ t('links.older') }}</button>
      </div>
      <template v-if="exports.length">
        <h3>{{ t('reports.exportsTitle') }}</h3>
        <p class="hint">{{ t('reports.exportsHint.' + stream.type) }}</p>
        <div class="actions exports">
          <button type="button" class="secondary" v-for="e in exports" :key="e.report + e.format"
              :id="'export-' + e.report + '-' + e.format" :disabled="exporting !== null" @click="exportAs(e)">
            {{ t('reports.export.' + e.report + '.' + e.format) }}
          </button>
        </div>
        <p class="hint" id="export-status" v-if="downloaded" :data-export="downloaded.key" :data-file-name="downloaded.name">{{ t('reports.downloaded', { name: downloaded.name }) }}</p>
        <p class="problem" id="export-problem" v-if="exportFailure">{{ exportFailure.message }}</p>
      </template>
    </section>`,
};
