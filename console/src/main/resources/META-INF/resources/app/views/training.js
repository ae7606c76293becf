// Training classes (reference 002, 班级管理 → 企业员工培训): the class list, a class's roster with
// import, activation and bulk delete, the sync to the live platform, courses and attendance, the
// report to the management platform and the certificate. All of it is analytics-service's
// /training API; personal data comes masked, as the API gives it.
import { t, has, formatTime } from '../i18n.js';
import { get, post, request } from '../api.js';
import { upload, download, spreadsheetType } from '../files.js';
import { describeProblem, rowErrors } from './field-messages.js';

const { ref, reactive, computed, onMounted } = Vue;

const TRAINING = 'api/analytics/training';
export const GENDERS = ['MALE', 'FEMALE'];
export const EDUCATIONS = [
  'PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'SECONDARY_VOCATIONAL', 'JUNIOR_COLLEGE',
  'BACHELOR', 'MASTER', 'DOCTORATE', 'OTHER',
];

/** 00:35:44, as the management platform writes durations. */
export function hms(seconds) {
  const total = Math.max(0, Math.round(Number(seconds) || 0));
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function certificate(trainingClass) {
  return download(
    `${TRAINING}/classes/${trainingClass.id}/certificate.pdf`,
    `${trainingClass.code}-certificate.pdf`,
  );
}

/** The tenant's management platform (where reports go): shown on demand, saved with PUT. */
export const TrainingPlatformSettings = {
  setup() {
    const open = ref(false);
    const current = ref(null);
    const loaded = ref(false);
    const form = reactive({ endpoint: '', clientId: '', secret: '' });
    const failure = ref(null);
    const saved = ref(false);
    const busy = ref(false);

    async function toggle() {
      open.value = !open.value;
      if (!open.value || loaded.value) return;
      try {
        current.value = await get(`${TRAINING}/platform`);
        form.endpoint = current.value.endpoint;
        form.clientId = current.value.clientId;
      } catch (problem) {
        // 404: none configured yet, which the panel says; anything else is a failure.
        if (problem.status !== 404) failure.value = describeProblem(problem);
      }
      loaded.value = true;
    }

    async function save() {
      busy.value = true;
      failure.value = null;
      saved.value = false;
      try {
        current.value = await request('PUT', `${TRAINING}/platform`, { ...form });
        form.secret = '';
        saved.value = true;
      } catch (problem) {
        failure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }
    return { t, formatTime, open, current, loaded, form, failure, saved, busy, toggle, save };
  },
  template: `
    <section class="card" id="training-platform">
      <div class="heading">
        <h2>{{ t('training.platform.title') }}</h2>
        <button type="button" class="secondary" id="training-platform-toggle" @click="toggle">{{ open ? t('training.platform.hide') : t('training.platform.show') }}</button>
      </div>
      <div v-if="open && loaded">
        <p class="hint" id="training-platform-state">{{ current ? t('training.platform.configured', { time: formatTime(current.updatedAt) }) : t('training.platform.none') }}</p>
        <form class="row-form" @submit.prevent="save" novalidate>
          <label>{{ t('training.platform.endpoint') }}
            <input name="platformEndpoint" v-model="form.endpoint" placeholder="https://">
            <span class="field-error" data-field="endpoint" v-if="failure && failure.fields.endpoint">{{ failure.fields.endpoint }}</span>
          </label>
          <label>{{ t('training.platform.clientId') }}
            <input name="platformClientId" v-model="form.clientId">
            <span class="field-error" data-field="clientId" v-if="failure && failure.fields.clientId">{{ failure.fields.clientId }}</span>
          </label>
          <label>{{ t('training.platform.secret') }}
            <input name="platformSecret" type="password" v-model="form.secret" autocomplete="new-password" :placeholder="current && current.secretSet ? t('training.platform.secretKept') : ''">
            <span class="field-error" data-field="secret" v-if="failure && failure.fields.secret">{{ failure.fields.secret }}</span>
          </label>
          <button type="submit" id="training-platform-save" :disabled="busy">{{ t('training.platform.save') }}</button>
        </form>
        <p class="problem" id="training-platform-problem" v-if="failure">{{ failure.message }}</p>
        <p class="hint" id="training-platform-saved" v-if="saved">{{ t('training.platform.saved') }}</p>
      </div>
    </section>`,
};

export const TrainingClassListView = {
  components: { TrainingPlatformSettings },
  setup() {
    const classes = ref(null);
    const failure = ref(null);
    const form = reactive({ name: '', classType: '', trainingMode: 'LIVE' });
    const createFailure = ref(null);
    const busy = ref(false);

    async function load() {
      try {
        classes.value = await get(`${TRAINING}/classes?size=500`);
      } catch (problem) {
        failure.value = describeProblem(problem);
      }
    }

    async function create() {
      busy.value = true;
      createFailure.value = null;
      try {
        const created = await post(`${TRAINING}/classes`, { ...form });
        location.hash = `#/training/${created.id}`;
      } catch (problem) {
        createFailure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    async function downloadCertificate(trainingClass) {
      failure.value = null;
      try {
        await certificate(trainingClass);
      } catch (problem) {
        failure.value = describeProblem(problem);
      }
    }

    onMounted(load);
    return { t, formatTime, hms, classes, failure, form, createFailure, busy, create, downloadCertificate };
  },
  template: `
    <section class="card" id="training-classes">
      <h1>{{ t('training.classes.title') }}</h1>
      <p class="problem" id="training-classes-problem" v-if="failure">{{ failure.message }}</p>
      <p v-if="classes && classes.items.length === 0" id="no-training-classes">{{ t('training.classes.none') }}</p>
      <div class="table-scroll" v-if="classes && classes.items.length">
        <table id="training-class-table">
          <thead><tr>
            <th>{{ t('training.class.name') }}</th><th>{{ t('training.class.code') }}</th>
            <th>{{ t('training.class.totalLive') }}</th><th>{{ t('training.class.students') }}</th>
            <th>{{ t('training.class.createdAt') }}</th><th>{{ t('training.class.certificate') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="c in classes.items" :key="c.id" :data-class-id="c.id">
              <td><a :href="'#/training/' + c.id" class="class-name">{{ c.name }}</a></td>
              <td class="class-code">{{ c.code }}</td>
              <td class="class-total-live">{{ hms(c.totalLiveSeconds) }}</td>
              <td class="class-students">{{ c.students }}</td>
              <td>{{ formatTime(c.createdAt) }}</td>
              <td><button type="button" class="secondary class-certificate" @click="downloadCertificate(c)">{{ t('training.class.download') }}</button></td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="hint" v-if="classes">{{ t('training.classes.total', { total: classes.total }) }}</p>
    </section>
    <section class="card" id="create-training-class">
      <h2>{{ t('training.classes.new') }}</h2>
      <form class="row-form" @submit.prevent="create" novalidate>
        <label>{{ t('training.class.name') }}
          <input name="className" v-model="form.name" maxlength="200">
          <span class="field-error" data-field="name" v-if="createFailure && createFailure.fields.name">{{ createFailure.fields.name }}</span>
        </label>
        <label>{{ t('training.class.classType') }}
          <input name="classType" v-model="form.classType" :placeholder="t('training.class.classTypeExample')" maxlength="100">
          <span class="field-error" data-field="classType" v-if="createFailure && createFailure.fields.classType">{{ createFailure.fields.classType }}</span>
        </label>
        <label>{{ t('training.class.trainingMode') }}
          <select name="trainingMode" v-model="form.trainingMode">
            <option value="LIVE">{{ t('training.mode.LIVE') }}</option>
            <option value="ON_DEMAND">{{ t('training.mode.ON_DEMAND') }}</option>
          </select>
          <span class="field-error" data-field="trainingMode" v-if="createFailure && createFailure.fields.trainingMode">{{ createFailure.fields.trainingMode }}</span>
        </label>
        <button type="submit" id="create-training-class-submit" :disabled="busy">{{ t('action.create') }}</button>
      </form>
      <p class="problem" id="create-training-class-problem" v-if="createFailure">{{ createFailure.message }}</p>
    </section>
    <training-platform-settings></training-platform-settings>`,
};

/** The roster of one class: add, import with the per-row report, activate, bulk delete. */
const TrainingStudents = {
  props: ['trainingClass', 'attendance'],
  emits: ['changed'],
  setup(props, { emit }) {
    const students = ref(null);
    const selected = ref([]);
    const failure = ref(null);
    const addFailure = ref(null);
    const importReport = ref(null);
    const importFailure = ref(null);
    const busy = ref(false);
    const form = reactive({ name: '', gender: 'MALE', idNumber: '', phone: '', education: 'BACHELOR' });
    const base = `${TRAINING}/classes/${props.trainingClass.id}/students`;

    const learning = computed(() => {
      const byStudent = {};
      for (const s of (props.attendance && props.attendance.students) || []) {
        byStudent[s.studentId] = s.liveLearningSeconds;
      }
      return byStudent;
    });
    const selectable = computed(() => (students.value ? students.value.items.filter((s) => s.status !== 'ACTIVATED') : []));
    const allSelected = computed(() => selectable.value.length > 0 && selectable.value.every((s) => selected.value.includes(s.id)));

    async function load() {
      try {
        students.value = await get(`${base}?size=1000`);
        // Activated students can no longer be deleted or activated: they leave the selection.
        selected.value = selected.value.filter((id) => students.value.items.some((s) => s.id === id && s.status !== 'ACTIVATED'));
      } catch (problem) {
        failure.value = describeProblem(problem);
      }
    }

    async function act(work) {
      busy.value = true;
      failure.value = null;
      try {
        await work();
        await load();
        emit('changed');
      } catch (problem) {
        failure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    async function add() {
      addFailure.value = null;
      await act(async () => {
        try {
          await post(base, { ...form });
          Object.assign(form, { name: '', idNumber: '', phone: '' });
        } catch (problem) {
          addFailure.value = describeProblem(problem);
        }
      });
    }

    async function importFile(event) {
      const file = event.target.files[0];
      if (!file) return;
      importReport.value = null;
      importFailure.value = null;
      await act(async () => {
        try {
          importReport.value = await upload(`${base}/import`, file, spreadsheetType(file));
        } catch (problem) {
          importFailure.value = describeProblem(problem);
        }
      });
      event.target.value = '';
    }

    function toggleAll() {
      selected.value = allSelected.value ? [] : selectable.value.map((s) => s.id);
    }

    const activateSelected = () => act(() => post(`${base}/activate`, { studentIds: selected.value }));
    const activateAll = () => act(() => post(`${base}/activate-all`));
    function deleteSelected() {
      if (!confirm(t('training.students.deleteConfirm', { count: selected.value.length }))) return;
      act(() => post(`${base}/delete`, { studentIds: selected.value }));
    }

    // The file's own spelling of a column (姓名 …) when the service names it so.
    const columnName = (field) => (has('training.importColumn.' + field) ? t('training.importColumn.' + field) : field);

    onMounted(load);
    return {
      t, formatTime, hms, columnName, students, selected, failure, addFailure, importReport, importFailure, busy,
      form, learning, selectable, allSelected, add, importFile, toggleAll, activateSelected,
      activateAll, deleteSelected, rowErrors, GENDERS, EDUCATIONS,
    };
  },
  template: `
    <section class="card" id="training-students">
      <h2>{{ t('training.students.title') }}</h2>
      <div class="actions">
        <button type="button" id="activate-selected" :disabled="busy || selected.length === 0" @click="activateSelected">{{ t('training.students.activateSelected', { count: selected.length }) }}</button>
        <button type="button" class="secondary" id="activate-all" :disabled="busy" @click="activateAll">{{ t('training.students.activateAll') }}</button>
        <button type="button" class="danger" id="delete-selected" :disabled="busy || selected.length === 0" @click="deleteSelected">{{ t('training.students.deleteSelected', { count: selected.length }) }}</button>
      </div>
      <p class="problem" id="training-students-problem" v-if="failure">{{ failure.message }}</p>
      <p class="hint">{{ t('training.students.masked') }}</p>
      <div class="table-scroll" v-if="students">
        <table id="student-table">
          <thead><tr>
            <th><input type="checkbox" id="select-all-students" :checked="allSelected" :disabled="selectable.length === 0" @change="toggleAll" :aria-label="t('training.students.selectAll')"></th>
            <th>{{ t('training.student.name') }}</th><th>{{ t('training.student.gender') }}</th>
            <th>{{ t('training.student.idNumber') }}</th><th>{{ t('training.student.phone') }}</th>
            <th>{{ t('training.student.education') }}</th><th>{{ t('training.student.liveLearning') }}</th>
            <th>{{ t('training.student.status') }}</th>
          </tr></thead>
          <tbody>
            <tr v-for="s in students.items" :key="s.id" :data-student-id="s.id" :data-status="s.status">
              <td><input type="checkbox" class="select-student" :value="s.id" v-model="selected" :disabled="s.status === 'ACTIVATED'"></td>
              <td class="student-name">{{ s.name }}</td>
              <td>{{ t('training.gender.' + s.gender) }}</td>
              <td class="student-id-number">{{ s.idNumber }}</td>
              <td class="student-phone">{{ s.phone }}</td>
              <td>{{ t('training.education.' + s.education) }}</td>
              <td class="student-live-learning">{{ hms(learning[s.id] || 0) }}</td>
              <td><span :class="'state state-' + s.status">{{ t('training.studentStatus.' + s.status) }}</span></td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="hint" v-if="students">{{ t('training.students.total', { total: students.total }) }}</p>

      <h2>{{ t('training.students.add') }}</h2>
      <form class="row-form" @submit.prevent="add" novalidate>
        <label>{{ t('training.student.name') }}
          <input name="studentName" v-model="form.name" maxlength="100">
          <span class="field-error" data-field="name" v-if="addFailure && addFailure.fields.name">{{ addFailure.fields.name }}</span>
        </label>
        <label>{{ t('training.student.gender') }}
          <select name="studentGender" v-model="form.gender">
            <option v-for="g in GENDERS" :value="g">{{ t('training.gender.' + g) }}</option>
          </select>
          <span class="field-error" data-field="gender" v-if="addFailure && addFailure.fields.gender">{{ addFailure.fields.gender }}</span>
        </label>
        <label>{{ t('training.student.idNumber') }}
          <input name="studentIdNumber" v-model="form.idNumber" maxlength="18" autocomplete="off">
          <span class="field-error" data-field="idNumber" v-if="addFailure && addFailure.fields.idNumber">{{ addFailure.fields.idNumber }}</span>
        </label>
        <label>{{ t('training.student.phone') }}
          <input name="studentPhone" v-model="form.phone" maxlength="20" autocomplete="off">
          <span class="field-error" data-field="phone" v-if="addFailure && addFailure.fields.phone">{{ addFailure.fields.phone }}</span>
        </label>
        <label>{{ t('training.student.education') }}
          <select name="studentEducation" v-model="form.education">
            <option v-for="e in EDUCATIONS" :value="e">{{ t('training.education.' + e) }}</option>
          </select>
          <span class="field-error" data-field="education" v-if="addFailure && addFailure.fields.education">{{ addFailure.fields.education }}</span>
        </label>
        <button type="submit" id="add-student" :disabled="busy">{{ t('training.students.addSubmit') }}</button>
      </form>
      <p class="problem" id="add-student-problem" v-if="addFailure">{{ addFailure.message }}</p>

      <h2>{{ t('training.students.import') }}</h2>
      <p class="hint">{{ t('training.students.importHint') }}</p>
      <!-- The picker's own button would speak the browser's language, not the console's. -->
      <label class="button secondary file-picker" :class="{ disabled: busy }">{{ t('training.students.importFile') }}
        <input type="file" id="import-students" class="visually-hidden" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change="importFile" :disabled="busy">
      </label>
      <span class="field-error" data-field="file" v-if="importFailure && importFailure.fields.file">{{ importFailure.fields.file }}</span>
      <p class="problem" id="import-problem" v-if="importFailure">{{ importFailure.message }}</p>
      <div v-if="importReport" id="import-report" :data-imported="importReport.imported" :data-failed="importReport.failed">
        <p id="import-summary">{{ t('training.students.importSummary', { imported: importReport.imported, failed: importReport.failed }) }}</p>
        <div class="table-scroll" v-if="importReport.failed">
          <table id="import-failures">
            <thead><tr><th>{{ t('training.students.importLine') }}</th><th>{{ t('training.students.importField') }}</th><th>{{ t('training.students.importReason') }}</th></tr></thead>
            <tbody>
              <template v-for="row in importReport.rows.filter((r) => r.status === 'FAILED')" :key="row.line">
                <tr v-for="(error, i) in rowErrors(row)" :data-line="row.line" :data-field="error.field" class="import-failure">
                  <td>{{ i === 0 ? row.line : '' }}</td>
                  <td>{{ columnName(error.field) }}</td>
                  <td class="wrap">{{ error.message }}</td>
                </tr>
              </template>
            </tbody>
          </table>
        </div>
      </div>
    </section>`,
};

/** One class: its facts, sync, report status and upload, certificate, roster, courses, attendance. */
export const TrainingClassView = {
  props: ['id'],
  components: { TrainingStudents },
  setup(props) {
    const trainingClass = ref(null);
    const report = ref(null);
    const courses = ref(null);
    const attendance = ref(null);
    const failure = ref(null);
    const note = ref(null);
    const busy = ref(false);
    const base = `${TRAINING}/classes/${props.id}`;

    async function loadClass() {
      trainingClass.value = await get(base);
    }
    async function loadFigures() {
      const [status, courseList, studentList] = await Promise.all([
        get(`${base}/report`), get(`${base}/courses`), get(`${base}/attendance`),
      ]);
      report.value = status;
      courses.value = courseList;
      attendance.value = studentList;
    }

    async function act(work, doneKey) {
      busy.value = true;
      failure.value = null;
      note.value = null;
      try {
        await work();
        await Promise.all([loadClass(), loadFigures()]);
        if (doneKey) note.value = t(doneKey, { time: formatTime(new Date().toISOString()) });
      } catch (problem) {
        failure.value = describeProblem(problem);
      } finally {
        busy.value = false;
      }
    }

    const sync = () => act(() => post(`${base}/sync`), 'training.class.synced');
    const updateAttendance = () => act(() => post(`${base}/attendance/update`), 'training.attendance.updated');
    const updateAndUpload = () => act(() => post(`${base}/report`), 'training.report.queued');
    async function downloadCertificate() {
      failure.value = null;
      try {
        await certificate(trainingClass.value);
      } catch (problem) {
        failure.value = describeProblem(problem);
      }
    }
    const refresh = () => act(async () => {}, null);
    const learningIn = (student, course) =>
      student.courses.find((time) => time.streamId === course.streamId) || { learningSeconds: 0, lecturer: false };

    onMounted(refresh);
    return {
      t, formatTime, hms, trainingClass, report, courses, attendance, failure, note, busy,
      sync, updateAttendance, updateAndUpload, downloadCertificate, refresh, learningIn,
    };
  },
  template: `
    <div class="training-page" v-if="trainingClass" :data-class-id="trainingClass.id">
      <section class="card" id="training-class">
        <div class="heading">
          <h1 id="training-class-name">{{ trainingClass.name }}</h1>
          <a class="button secondary" href="#/training">{{ t('training.classes.back') }}</a>
        </div>
        <dl class="facts">
          <dt>{{ t('training.class.code') }}</dt><dd id="training-class-code">{{ trainingClass.code }}</dd>
          <dt>{{ t('training.class.classType') }}</dt><dd>{{ trainingClass.classType }}</dd>
          <dt>{{ t('training.class.trainingMode') }}</dt><dd>{{ t('training.mode.' + trainingClass.trainingMode) }}</dd>
          <dt>{{ t('training.class.students') }}</dt><dd id="training-class-students">{{ trainingClass.students }}</dd>
          <dt>{{ t('training.class.activated') }}</dt><dd id="training-class-activated">{{ trainingClass.activatedStudents }}</dd>
          <dt>{{ t('training.class.totalLive') }}</dt><dd id="training-class-total-live">{{ hms(trainingClass.totalLiveSeconds) }}</dd>
          <dt>{{ t('training.class.createdAt') }}</dt><dd>{{ formatTime(trainingClass.createdAt) }}</dd>
          <dt>{{ t('training.class.syncedAt') }}</dt><dd id="training-class-synced">{{ trainingClass.syncedAt ? formatTime(trainingClass.syncedAt) : t('training.class.neverSynced') }}</dd>
          <dt>{{ t('training.class.group') }}</dt><dd><code>{{ trainingClass.groupId }}</code></dd>
        </dl>
        <p class="hint">{{ t('training.class.syncHint') }}</p>
        <div class="actions">
          <button type="button" id="sync-class" :disabled="busy" @click="sync">{{ t('training.class.sync') }}</button>
          <button type="button" class="secondary" id="download-certificate" :disabled="busy" @click="downloadCertificate">{{ t('training.class.certificate') }}</button>
        </div>
        <p class="problem" id="training-class-problem" v-if="failure">{{ failure.message }}</p>
        <p class="hint" id="training-class-note" v-if="note">{{ note }}</p>
      </section>
      <section class="card" id="training-report" v-if="report">
        <h2>{{ t('training.report.title') }}</h2>
        <dl class="facts">
          <dt>{{ t('training.report.lastUpdated') }}</dt><dd id="report-last-updated">{{ report.attendanceUpdatedAt ? formatTime(report.attendanceUpdatedAt) : t('training.report.never') }}</dd>
          <dt>{{ t('training.report.lastReported') }}</dt><dd id="report-last-reported">{{ report.reportedAt ? formatTime(report.reportedAt) : t('training.report.never') }}</dd>
          <dt>{{ t('training.report.lastError') }}</dt><dd id="report-last-error" class="wrap">{{ report.lastError || t('training.report.noError') }}</dd>
          <dt>{{ t('training.report.pending') }}</dt>
          <dd id="report-pending">{{ report.pendingUploadId ? t('training.report.pendingUpload', { attempts: report.pendingAttempts, time: formatTime(report.nextAttemptAt) }) : t('training.report.nothingPending') }}</dd>
        </dl>
        <div class="actions">
          <button type="button" id="update-and-upload" :disabled="busy" @click="updateAndUpload">{{ t('training.report.updateAndUpload') }}</button>
          <button type="button" class="secondary" id="update-attendance" :disabled="busy" @click="updateAttendance">{{ t('training.attendance.update') }}</button>
          <button type="button" class="secondary" id="refresh-report" :disabled="busy" @click="refresh">{{ t('training.report.refresh') }}</button>
        </div>
      </section>
      <training-students :training-class="trainingClass" :attendance="attendance" @changed="refresh"></training-students>
      <section class="card" id="training-courses" v-if="courses">
        <h2>{{ t('training.courses.title') }}</h2>
        <p class="hint">{{ t('training.courses.hint', { time: courses.updatedAt ? formatTime(courses.updatedAt) : t('training.report.never') }) }}</p>
        <p v-if="courses.courses.length === 0" id="no-courses">{{ t('training.courses.none') }}</p>
        <div class="table-scroll" v-else>
          <table id="course-table">
            <thead><tr>
              <th>{{ t('training.course.title') }}</th><th>{{ t('training.course.startedAt') }}</th><th>{{ t('training.course.endedAt') }}</th>
              <th>{{ t('training.course.duration') }}</th><th>{{ t('training.course.lecturer') }}</th><th>{{ t('training.course.attendees') }}</th>
              <th>{{ t('training.course.learning') }}</th><th>{{ t('training.course.final') }}</th>
            </tr></thead>
            <tbody>
              <tr v-for="c in courses.courses" :key="c.streamId" :data-stream-id="c.streamId">
                <td>{{ c.title }}</td><td>{{ formatTime(c.startedAt) }}</td><td>{{ formatTime(c.endedAt) }}</td>
                <td class="course-duration">{{ hms(c.durationSeconds) }}</td><td>{{ c.lecturerId }}</td>
                <td class="course-attendees">{{ c.attendees }}</td><td class="course-learning">{{ hms(c.totalLearningSeconds) }}</td>
                <td>{{ c.isFinal ? t('common.yes') : t('common.no') }}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" id="training-attendance" v-if="attendance">
        <h2>{{ t('training.attendance.title') }}</h2>
        <p v-if="attendance.students.length === 0" id="no-attendance">{{ t('training.attendance.none') }}</p>
        <div class="table-scroll" v-else>
          <table id="attendance-table">
            <thead><tr>
              <th>{{ t('training.student.name') }}</th><th>{{ t('training.student.status') }}</th>
              <th>{{ t('training.attendance.total') }}</th>
              <th v-for="c in courses.courses" :key="c.streamId">{{ c.title }}</th>
            </tr></thead>
            <tbody>
              <tr v-for="s in attendance.students" :key="s.studentId" :data-student-id="s.studentId">
                <td>{{ s.name }}</td><td>{{ t('training.studentStatus.' + s.status) }}</td>
                <td class="attendance-total">{{ hms(s.liveLearningSeconds) }}</td>
                <td v-for="c in courses.courses" :key="c.streamId" class="attendance-course" :data-stream-id="c.streamId">
                  {{ hms(learningIn(s, c).learningSeconds) }}
                  <span class="hint" v-if="learningIn(s, c).lecturer">{{ t('training.attendance.lecturer') }}</span>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </div>
    <section class="card" v-else-if="failure"><p class="problem" id="training-class-problem">{{ failure.message }}</p></section>`,
};
