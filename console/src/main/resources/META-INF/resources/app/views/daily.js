// ENTERPRISE daily statistics: each employee's days (live and replay time, sessions, first join,
// last leave) as analytics-service rolls them up in the tenant's time zone; generating a past day
// again; the password-protected, encrypted XLSX export.
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { download } from '../files.js';
import { tenant } from '../session.js';
import { describeProblem } from './field-messages.js';
import { hms } from './training.js';

const { ref, reactive, computed, onMounted } = Vue;

/** yyyy-MM-dd of the browser's day {@code offset} days from today. */
function isoDay(offset) {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export const DailyStatisticsView = {
  setup() {
    const base = `api/analytics/tenants/${encodeURIComponent(tenant())}/daily-rollups`;
    const range = reactive({ from: isoDay(-7), to: isoDay(-1) });
    const rows = ref(null);
    const failure = ref(null);
    const generateDay = ref(isoDay(-1));
    const generateFailure = ref(null);
    const generated = ref(null);
    const password = ref('');
    const exportFailure = ref(null);
    const exported = ref(null);
    const busy = ref(false);

    // One line per employee over the range: the sums of their days.
    const employees = computed(() => {
      const byMember = new Map();
      for (const row of rows.value || []) {
        const sum = byMember.get(row.memberId) || { memberId: row.memberId, days: 0, liveSeconds: 0, replaySeconds: 0, sessions: 0 };
        sum.days += 1;
        sum.liveSeconds += row.liveSeconds;
        sum.replaySeconds += row.replaySeconds;
        sum.sessions += row.sessions;
        byMember.set(row.memberId, sum);
      }
      return [...byMember.values()];
    });

    async function load() {
      failure.value = null;
      try {
        rows.value = await get(`${base}?from=${range.from}&to=${range.to}&size=1000`);
      } catch (problem) {
        rows.value = null;
        failure.value = describeProblem(problem);
      }
    }

    async function generate() {
      busy.value = true;
      generateFailure.value = null;
      generated.value = null;
      try {
        const day = await post(`${base}/${encodeURIComponent(generateDay.value)}`);
        generated.value = { day: generateDay.value, members: day.length };
        if (generateDay.value < range.from || generateDay.value > range.to) {
          range.from = generateDay.value;
          range.to = generateDay.value;
        }
        await load();
      } catch (problem) {
        generateFailure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    async function exportXlsx() {
      busy.value = true;
      exportFailure.value = null;
      exported.value = null;
      try {
        const file = await download(
          `${base}/export?from=${range.from}&to=${range.to}`,
          `daily-${range.from}-${range.to}.xlsx`,
          { method: 'POST', extraHeaders: { 'X-Export-Password': password.value } },
        );
        exported.value = file;
        password.value = '';
      } catch (problem) {
        exportFailure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return {
      t, formatTime, hms, range, rows, failure, employees, generateDay, generateFailure, generated,
      password, exportFailure, exported, busy, load, generate, exportXlsx,
    };
  },
  template: `
    <section class="card" id="daily-statistics">
      <h1>{{ t('daily.title') }}</h1>
      <p class="hint">{{ t('daily.hint') }}</p>
      <form class="row-form" @submit.prevent="load" novalidate>
        <label>{{ t('daily.from') }}
          <input type="date" name="dailyFrom" v-model="range.from">
          <span class="field-error" data-field="from" v-if="failure && failure.fields.from">{{ failure.fields.from }}</span>
        </label>
        <label>{{ t('daily.to') }}
          <input type="date" name="dailyTo" v-model="range.to">
          <span class="field-error" data-field="to" v-if="failure && failure.fields.to">{{ failure.fields.to }}</span>
        </label>
        <button type="submit" id="daily-show">{{ t('daily.show') }}</button>
      </form>
      <p class="problem" id="daily-problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="rows && rows.length === 0" id="no-daily-rows">{{ t('daily.none') }}</p>
      <template v-if="rows && rows.length">
        <h2>{{ t('daily.perEmployee') }}</h2>
        <div class="table-scroll">
          <table id="daily-employees">
            <thead><tr>
              <th>{{ t('daily.member') }}</th><th>{{ t('daily.days') }}</th><th>{{ t('daily.live') }}</th>
              <th>{{ t('daily.replay') }}</th><th>{{ t('daily.sessions') }}</th>
            </tr></thead>
            <tbody>
              <tr v-for="e in employees" :key="e.memberId" :data-member-id="e.memberId">
                <td>{{ e.memberId }}</td><td class="employee-days">{{ e.days }}</td>
                <td class="employee-live" :data-seconds="e.liveSeconds">{{ hms(e.liveSeconds) }}</td>
                <td class="employee-replay" :data-seconds="e.replaySeconds">{{ hms(e.replaySeconds) }}</td>
                <td class="employee-sessions">{{ e.sessions }}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <h2>{{ t('daily.perDay') }}</h2>
        <div class="table-scroll">
          <table id="daily-rows">
            <thead><tr>
              <th>{{ t('daily.day') }}</th><th>{{ t('daily.member') }}</th><th>{{ t('daily.live') }}</th>
              <th>{{ t('daily.replay') }}</th><th>{{ t('daily.sessions') }}</th><th>{{ t('daily.firstJoin') }}</th>
              <th>{{ t('daily.lastLeave') }}</th><th>{{ t('daily.revision') }}</th><th>{{ t('daily.generatedAt') }}</th>
            </tr></thead>
            <tbody>
              <tr v-for="r in rows" :key="r.day + r.memberId" :data-day="r.day" :data-member-id="r.memberId">
                <td>{{ r.day }}</td><td>{{ r.memberId }}</td>
                <td class="day-live" :data-seconds="r.liveSeconds">{{ hms(r.liveSeconds) }}</td>
                <td class="day-replay" :data-seconds="r.replaySeconds">{{ hms(r.replaySeconds) }}</td>
                <td class="day-sessions">{{ r.sessions }}</td>
                <td>{{ formatTime(r.firstJoinAt) }}</td><td>{{ formatTime(r.lastLeaveAt) }}</td>
                <td class="day-revision">{{ r.revision }}</td><td>{{ formatTime(r.generatedAt) }}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </template>
    </section>
    <section class="card" id="daily-generate">
      <h2>{{ t('daily.generate.title') }}</h2>
      <p class="hint">{{ t('daily.generate.hint') }}</p>
      <form class="row-form" @submit.prevent="generate" novalidate>
        <label>{{ t('daily.day') }}
          <input type="date" name="generateDay" v-model="generateDay">
          <span class="field-error" data-field="day" v-if="generateFailure && generateFailure.fields.day">{{ generateFailure.fields.day }}</span>
        </label>
        <button type="submit" id="daily-generate-submit" :disabled="busy">{{ t('daily.generate.submit') }}</button>
      </form>
      <p class="problem" id="daily-generate-problem" v-if="generateFailure">{{ generateFailure.message }}</p>
      <p class="hint" id="daily-generated" v-if="generated">{{ t('daily.generate.done', generated) }}</p>
    </section>
    <section class="card" id="daily-export">
      <h2>{{ t('daily.export.title') }}</h2>
      <p class="hint">{{ t('daily.export.hint', { from: range.from, to: range.to }) }}</p>
      <form class="row-form" @submit.prevent="exportXlsx" novalidate>
        <label>{{ t('daily.export.password') }}
          <input type="password" name="exportPassword" v-model="password" autocomplete="new-password">
          <span class="field-error" data-field="X-Export-Password" v-if="exportFailure && exportFailure.fields['X-Export-Password']">{{ exportFailure.fields['X-Export-Password'] }}</span>
        </label>
        <button type="submit" id="daily-export-submit" :disabled="busy">{{ t('daily.export.submit') }}</button>
      </form>
      <p class="problem" id="daily-export-problem" v-if="exportFailure">{{ exportFailure.message }}</p>
      <p class="hint" id="daily-exported" v-if="exported">{{ t('daily.export.done', { name: exported.name, size: exported.size }) }}</p>
    </section>`,
};
