// The training, daily-statistics and platform screens' problems: problems.js's describe(), with
// the field messages of the roster, its imports, the management platform and the exports in the
// user's language too (the services write them in English).
import { t } from '../i18n.js';
import { describe, fieldMessage } from '../problems.js';

const MESSAGES = [
  [/^must be at most (\d+) characters$/, (m) => ['training.validation.maxLength', { max: m[1] }]],
  [/^must be at least (\d+) characters$/, (m) => ['training.validation.minLength', { min: m[1] }]],
  [/^must have (\d+) to (\d+) characters$/, (m) => ['training.validation.size', { min: m[1], max: m[2] }]],
  [/^must be 18 characters: 17 digits and a digit or X$/, () => ['training.validation.idNumberFormat']],
  [/^holds no valid birth date$/, () => ['training.validation.idNumberBirthDate']],
  [/^holds an impossible birth date (.+)$/, (m) => ['training.validation.idNumberImpossibleBirth', { date: m[1] }]],
  [/^fails its check digit$/, () => ['training.validation.idNumberCheckDigit']],
  [/^is (MALE|FEMALE) but the ID number is a (MALE|FEMALE) one$/,
    (m) => ['training.validation.genderMismatch', { given: t('training.gender.' + m[1]), fromId: t('training.gender.' + m[2]) }]],
  [/^must be MALE or FEMALE/, () => ['training.validation.gender']],
  [/^must be a mainland mobile number/, () => ['training.validation.phone']],
  [/^must be one of PRIMARY, /, () => ['training.validation.education']],
  [/^is already in this class \(or twice in the file\)$/, () => ['training.validation.duplicateInFile']],
  [/^belongs to a student already in this class$/, () => ['training.validation.duplicate']],
  [/^is not a URL$/, () => ['training.validation.notUrl']],
  [/^must be an absolute https URL/, () => ['training.validation.httpsUrl']],
  [/^must use https \(plain http only to a loopback address\)$/, () => ['training.validation.https']],
  [/^is not a readable CSV file/, () => ['training.validation.unreadableCsv']],
  [/^is not a readable XLSX workbook/, () => ['training.validation.unreadableXlsx']],
  [/^is not UTF-8 text/, () => ['training.validation.notUtf8']],
  [/^the header has no '(.+)' column$/, (m) => ['training.validation.missingColumn', { column: m[1] }]],
  [/^has more than (\d+) rows; split it$/, (m) => ['training.validation.tooManyRows', { max: m[1] }]],
  [/^the first sheet is empty$/, () => ['training.validation.emptySheet']],
  [/^must be a date/, () => ['daily.validation.date']],
  [/^must be a past day in the tenant's time zone$/, () => ['daily.validation.pastDay']],
  [/^ON_DEMAND training is not open yet/, () => ['training.validation.modeNotOpen']],
  [/^must be lower-case letters, digits and '-'$/, () => ['platform.validation.tenantId']],
  [/^is not a time zone: (.+)$/, (m) => ['platform.validation.timeZone', { zone: m[1] }]],
];

/** One field message in the user's language: ours, else problems.js's, else as it came. */
export function trainingFieldMessage(message, fallback) {
  for (const [pattern, key] of MESSAGES) {
    const match = pattern.exec(message || '');
    if (match) {
      const [name, params] = key(match);
      return t(name, params);
    }
  }
  return fallback;
}

/** describe() of problems.js, with the field messages of these screens translated as well. */
export function describeProblem(problem) {
  const described = describe(problem);
  const fields = {};
  for (const error of problem.errors || []) {
    const text = trainingFieldMessage(error.message, fieldMessage(error.message));
    fields[error.field] = fields[error.field] ? `${fields[error.field]}; ${text}` : text;
  }
  return { message: described.message, fields };
}

/** The messages of an import's failed row, each with its field's name in the user's language. */
export function rowErrors(row) {
  return (row.errors || []).map((error) => ({
    field: error.field,
    message: trainingFieldMessage(error.message, fieldMessage(error.message)),
  }));
}
