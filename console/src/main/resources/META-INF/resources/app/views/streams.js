// The tenant's streams: the list, and creating one with the fields link-service takes.
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { describe } from '../problems.js';

const { ref, reactive, computed, onMounted } = Vue;

export const STREAM_TYPES = ['MINI_PROGRAM', 'H5', 'ENTERPRISE'];

export const StreamListView = {
  setup() {
    const streams = ref(null);
    const failure = ref(null);
    onMounted(async () => {
      try {
        streams.value = await get('api/link/streams?size=200');
      } catch (problem) {
        failure.value = describe(problem);
      }
    });
    return { t, streams, failure, formatTime };
  },
  template: `
    <section class="card" id="streams">
      <div class="heading">
        <h1>{{ t('streams.title') }}</h1>
        <a class="button" href="#/streams/new" id="new-stream">{{ t('streams.new') }}</a>
      </div>
      <p class="problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="streams && streams.length === 0" id="no-streams">{{ t('streams.none') }}</p>
      <div class="table-scroll" v-if="streams && streams.length">
        <table id="stream-table">
          <thead><tr>
            <th>{{ t('stream.title') }}</th><th>{{ t('stream.type') }}</th>
            <th>{{ t('stream.state') }}</th><th>{{ t('stream.scheduledAt') }}</th><th>{{ t('stream.createdAt') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="s in streams" :key="s.id" :data-stream-id="s.id">
              <td><a :href="'#/streams/' + s.id">{{ s.title }}</a></td>
              <td>{{ t('streamType.' + s.type) }}</td>
              <td><span :class="'state state-' + s.state">{{ t('streamState.' + s.state) }}</span></td>
              <td>{{ formatTime(s.scheduledAt) }}</td>
              <td>{{ formatTime(s.createdAt) }}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>`,
};

export const StreamCreateView = {
  setup() {
    const form = reactive({
      type: 'MINI_PROGRAM',
      title: '',
      description: '',
      watchScope: '',
      replayEnabled: true,
      scheduledAt: '',
      coverUrl: '',
      audienceGroupId: '',
    });
    const failure = ref(null);
    const busy = ref(false);
    const enterprise = computed(() => form.type === 'ENTERPRISE');

    async function submit() {
      busy.value = true;
      failure.value = null;
      const body = {
        type: form.type,
        title: form.title,
        replayEnabled: form.replayEnabled,
      };
      if (form.description) body.description = form.description;
      if (form.watchScope) body.watchScope = form.watchScope;
      if (form.coverUrl) body.coverUrl = form.coverUrl;
      if (form.scheduledAt) body.scheduledAt = new Date(form.scheduledAt).toISOString();
      if (enterprise.value && form.audienceGroupId) body.audienceGroupId = form.audienceGroupId;
      try {
        const created = await post('api/link/streams', body);
        location.hash = `#/streams/${created.id}`;
      } catch (problem) {
        failure.value = describe(problem);
      } finally {
        busy.value = false;
      }
    }
    return { t, form, failure, busy, submit, enterprise, STREAM_TYPES };
  },
  template: `
    <section class="card narrow" id="create-stream">
      <h1>{{ t('streams.new') }}</h1>
      <form @submit.prevent="submit" novalidate>
        <label>{{ t('stream.type') }}
          <select name="type" v-model="form.type">
            <option v-for="type in STREAM_TYPES" :value="type">{{ t('streamType.' + type) }}</option>
          </select>
        </label>
        <p class="hint">{{ t('streamType.' + form.type + '.hint') }}</p>
        <p class="field-error" data-field="type" v-if="failure && failure.fields.type">{{ failure.fields.type }}</p>
        <label>{{ t('stream.title') }}
          <input name="title" v-model="form.title" maxlength="200">
        </label>
        <p class="field-error" data-field="title" v-if="failure && failure.fields.title">{{ failure.fields.title }}</p>
        <label>{{ t('stream.description') }}
          <textarea name="description" v-model="form.description" rows="3"></textarea>
        </label>
        <p class="field-error" data-field="description" v-if="failure && failure.fields.description">{{ failure.fields.description }}</p>
        <label>{{ t('stream.watchScope') }}
          <select name="watchScope" v-model="form.watchScope">
            <option value="">{{ t('watchScope.default') }}</option>
            <option value="EMPLOYEES_ONLY">{{ t('watchScope.EMPLOYEES_ONLY') }}</option>
            <option value="EVERYONE">{{ t('watchScope.EVERYONE') }}</option>
          </select>
        </label>
        <p class="field-error" data-field="watchScope" v-if="failure && failure.fields.watchScope">{{ failure.fields.watchScope }}</p>
        <label class="inline"><input type="checkbox" name="replayEnabled" v-model="form.replayEnabled"> {{ t('stream.replayEnabled') }}</label>
        <label>{{ t('stream.scheduledAt') }}
          <input type="datetime-local" name="scheduledAt" v-model="form.scheduledAt">
        </label>
        <p class="field-error" data-field="scheduledAt" v-if="failure && failure.fields.scheduledAt">{{ failure.fields.scheduledAt }}</p>
        <label>{{ t('stream.coverUrl') }}
          <input name="coverUrl" v-model="form.coverUrl" placeholder="https://">
        </label>
        <p class="field-error" data-field="coverUrl" v-if="failure && failure.fields.coverUrl">{{ failure.fields.coverUrl }}</p>
        <label v-if="enterprise">{{ t('stream.audienceGroupId') }}
          <input name="audienceGroupId" v-model="form.audienceGroupId">
        </label>
        <p class="field-error" data-field="audienceGroupId" v-if="failure && failure.fields.audienceGroupId">{{ failure.fields.audienceGroupId }}</p>
        <p class="problem" id="create-stream-problem" v-if="failure">{{ failure.message }}</p>
        <div class="actions">
          <a class="button secondary" href="#/streams">{{ t('action.cancel') }}</a>
          <button type="submit" id="create-stream-submit" :disabled="busy">{{ t('action.create') }}</button>
        </div>
      </form>
    </section>`,
};
