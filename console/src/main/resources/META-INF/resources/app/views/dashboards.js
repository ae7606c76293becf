// Live numbers per stream type. MINI_PROGRAM: every closed second (concurrent viewers, joins,
// leaves) drawn as analytics-service's live feed delivers it. H5: the per-minute figures, with a
// line per channel, refreshed while the page is open.
import { t, formatTime, currentLanguage } from '../i18n.js';
import { get, subscribe } from '../api.js';
import { describe } from '../problems.js';

const { ref, reactive, onMounted, onUnmounted, watch } = Vue;

const SHOWN_SECONDS = 300;
const UNKNOWN_STREAM_RETRY_MS = 1000;

function resizeWith(chart) {
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => window.removeEventListener('resize', resize);
}

export const SecondsDashboard = {
  props: ['stream'],
  setup(props) {
    const chartElement = ref(null);
    const feed = ref('connecting');
    const failure = ref(null);
    const latest = reactive({ second: null, concurrentViewers: 0, joins: 0, leaves: 0, seconds: 0 });
    // second (ISO) → its newest revision
    const seconds = new Map();
    let chart = null;
    let stopFeed = () => {};
    let stopResize = () => {};

    function accept(second) {
      const known = seconds.get(second.second);
      if (known && known.revision >= second.revision) {
        return;
      }
      seconds.set(second.second, second);
      while (seconds.size > SHOWN_SECONDS) {
        seconds.delete(seconds.keys().next().value);
      }
      draw();
    }

    function draw() {
      const ordered = [...seconds.values()].sort((a, b) => a.second.localeCompare(b.second));
      const newest = ordered[ordered.length - 1];
      if (newest) {
        latest.second = newest.second;
        latest.concurrentViewers = newest.concurrentViewers;
      }
      latest.joins = ordered.reduce((sum, s) => sum + s.joins, 0);
      latest.leaves = ordered.reduce((sum, s) => sum + s.leaves, 0);
      latest.seconds = ordered.length;
      if (!chart) {
        return;
      }
      // A time axis, so seconds nobody joined or left in keep their place; it spans the seconds
      // shown, ending at the newest (left alone, one second's data stretched it over days).
      const end = newest ? Date.parse(newest.second) + 1000 : Date.now();
      chart.setOption({
        xAxis: { min: end - SHOWN_SECONDS * 1000, max: end },
        series: [
          { data: ordered.map((s) => [s.second, s.concurrentViewers]) },
          { data: ordered.map((s) => [s.second, s.joins]) },
          { data: ordered.map((s) => [s.second, -s.leaves]) },
        ],
      });
    }

    function setUpChart() {
      chart = echarts.init(chartElement.value, null, { renderer: 'canvas' });
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v) => Math.abs(v) },
        // ECharts 6 puts the legend at the bottom by default, over the time labels.
        legend: { top: 0, data: [t('dashboard.concurrent'), t('dashboard.joins'), t('dashboard.leaves')] },
        grid: { left: 40, right: 16, top: 40, bottom: 30 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v) => Math.abs(v) } },
        series: [
          { name: t('dashboard.concurrent'), type: 'line', step: 'end', showSymbol: true, symbolSize: 4, data: [] },
          { name: t('dashboard.joins'), type: 'bar', stack: 'flow', barMaxWidth: 12, data: [] },
          { name: t('dashboard.leaves'), type: 'bar', stack: 'flow', barMaxWidth: 12, data: [] },
        ],
      });
      stopResize = resizeWith(chart);
    }

    let unmounted = false;

    /**
     * The seconds so far. analytics-service knows a stream from its first StreamStateChanged
     * event, so right after the stream was created it may answer 404 for a moment: wait for it.
     */
    async function loadPastSeconds() {
      while (!unmounted) {
        const to = new Date();
        const from = new Date(to.getTime() - SHOWN_SECONDS * 1000);
        try {
          const past = await get(
            `api/analytics/streams/${props.stream.id}/seconds?size=1000&from=${from.toISOString()}&to=${to.toISOString()}`,
          );
          past.forEach(accept);
          return true;
        } catch (problem) {
          if (problem.status !== 404) {
            failure.value = describe(problem);
            return false;
          }
          feed.value = 'waiting';
          await new Promise((resolve) => setTimeout(resolve, UNKNOWN_STREAM_RETRY_MS));
        }
      }
      return false;
    }

    onMounted(async () => {
      setUpChart();
      if (!(await loadPastSeconds()) || unmounted) {
        return;
      }
      stopFeed = subscribe(`api/analytics/streams/${props.stream.id}/seconds/live`, accept, (state, problem) => {
        feed.value = state;
        if (problem) failure.value = describe(problem);
      });
    });

    onUnmounted(() => {
      unmounted = true;
      stopFeed();
      stopResize();
      if (chart) chart.dispose();
    });

    watch(currentLanguage, () => {
      if (chart) {
        chart.dispose();
        setUpChart();
        draw();
      }
    });

    return { t, formatTime, chartElement, feed, failure, latest };
  },
  template: `
    <section class="card" id="dashboard" data-kind="seconds" :data-feed="feed">
      <h2>{{ t('dashboard.secondsTitle') }}</h2>
      <p class="hint">{{ t('dashboard.feed.' + feed) }}</p>
      <div class="figures">
        <div class="figure"><span class="value" id="figure-concurrent">{{ latest.concurrentViewers }}</span><span class="label">{{ t('dashboard.concurrent') }}</span></div>
        <div class="figure"><span class="value" id="figure-joins">{{ latest.joins }}</span><span class="label">{{ t('dashboard.joinsShown') }}</span></div>
        <div class="figure"><span class="value" id="figure-leaves">{{ latest.leaves }}</span><span class="label">{{ t('dashboard.leavesShown') }}</span></div>
      </div>
      <p class="hint" id="latest-second" :data-second="latest.second">{{ latest.second ? t('dashboard.latestSecond', { time: formatTime(latest.second) }) : t('dashboard.noSecondsYet') }}</p>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <div class="chart" ref="chartElement" id="seconds-chart"></div>
    </section>`,
};

const SHOWN_MINUTES = 60;
const MINUTES_REFRESH_MS = 10000;

export const MinutesDashboard = {
  props: ['stream'],
  setup(props) {
    const chartElement = ref(null);
    const minutes = ref([]);
    const failure = ref(null);
    let chart = null;
    let timer = null;
    let stopResize = () => {};

    function channelsOf(rows) {
      return [...new Set(rows.flatMap((m) => (m.channels || []).map((c) => c.channel)))].sort();
    }

    function draw() {
      if (!chart) return;
      const rows = minutes.value;
      const channels = channelsOf(rows);
      chart.setOption(
        {
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { top: 0, data: [t('dashboard.views'), ...channels] },
          grid: { left: 40, right: 16, top: 40, bottom: 30 },
          xAxis: { type: 'category', data: rows.map((m) => new Date(m.minute).toLocaleTimeString(currentLanguage(), { hour12: false, hour: '2-digit', minute: '2-digit' })) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('dashboard.views'), type: 'bar', data: rows.map((m) => m.views) },
            ...channels.map((channel) => ({
              name: channel,
              type: 'line',
              data: rows.map((m) => ((m.channels || []).find((c) => c.channel === channel) || { views: 0 }).views),
            })),
          ],
        },
        true,
      );
    }

    async function refresh() {
      const to = new Date();
      const from = new Date(to.getTime() - SHOWN_MINUTES * 60000);
      try {
        minutes.value = await get(
          `api/analytics/streams/${props.stream.id}/minutes?size=1000&from=${from.toISOString()}&to=${to.toISOString()}`,
        );
        failure.value = null;
        draw();
      } catch (problem) {
        // 404: analytics-service has not seen the stream's first event yet; the next refresh
        // asks again.
        failure.value = problem.status === 404 ? null : describe(problem);
      }
    }

    onMounted(() => {
      chart = echarts.init(chartElement.value);
      stopResize = resizeWith(chart);
      refresh();
      timer = setInterval(refresh, MINUTES_REFRESH_MS);
    });
    onUnmounted(() => {
      clearInterval(timer);
      stopResize();
      if (chart) chart.dispose();
    });
    watch(currentLanguage, draw);

    return { t, formatTime, chartElement, minutes, failure };
  },
  template: `
    <section class="card" id="dashboard" data-kind="minutes">
      <h2>{{ t('dashboard.minutesTitle') }}</h2>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <div class="chart" ref="chartElement" id="minutes-chart"></div>
      <p v-if="minutes.length === 0" class="hint">{{ t('dashboard.noMinutesYet') }}</p>
      <div class="table-scroll" v-if="minutes.length">
        <table id="minutes-table">
          <thead><tr>
            <th>{{ t('dashboard.minute') }}</th><th>{{ t('dashboard.channel') }}</th><th>{{ t('dashboard.views') }}</th>
            <th>{{ t('dashboard.uniqueViewers') }}</th><th>{{ t('dashboard.watchSeconds') }}</th><th>{{ t('dashboard.peak') }}</th>
          </tr></thead>
          <tbody>
            <template v-for="m in minutes.slice().reverse()" :key="m.minute">
              <tr class="minute-total">
                <td>{{ formatTime(m.minute) }}</td><td>{{ t('dashboard.allChannels') }}</td><td>{{ m.views }}</td>
                <td>{{ m.uniqueViewers }}</td><td>{{ m.watchSeconds }}</td><td>{{ m.peakConcurrent }}</td>
              </tr>
              <tr v-for="c in m.channels" :key="m.minute + c.channel" class="minute-channel">
                <td></td><td>{{ c.channel }}</td><td>{{ c.views }}</td>
                <td>{{ c.uniqueViewers }}</td><td>{{ c.watchSeconds }}</td><td>{{ c.peakConcurrent }}</td>
              </tr>
            </template>
          </tbody>
        </table>
      </div>
    </section>`,
};
