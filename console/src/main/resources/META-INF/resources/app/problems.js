// An RFC 7807 problem in the user's language: a message for its reason, and one message per
// field it names (errors[].field), shown next to that field.
import { t, has } from './i18n.js';

// The services' validation messages that have a translation; others are shown as they came.
const FIELD_MESSAGES = [
  [/^(must not be (blank|null|empty)|is required)$/, () => 'validation.required'],
  [/^size must be between (\d+) and (\d+)$/, (m) => ['validation.size', { min: m[1], max: m[2] }]],
  [/^must be an http\(s\) URL$/, () => 'validation.url'],
  [/^must be letters, digits/, () => 'validation.identifier'],
  // permission-service: grants' validity, the directory's fields and its import report's rows.
  [/^must be a positive duration$/, () => 'permissions.validation.positiveDuration'],
  [/^no active member (.+) in this tenant$/, (m) => ['permissions.validation.noActiveMember', { member: m[1] }]],
  [/^must be a phone number$/, () => 'directory.validation.phone'],
  [/^must be a well-formed email address$/, () => 'directory.validation.email'],
  [/^appears more than once in the file$/, () => 'directory.validation.duplicateInFile'],
  [/^no organisation named '(.+)'$/, (m) => ['directory.validation.noOrganisationNamed', { name: m[1] }]],
  [/^account (.+) belongs to another member$/, (m) => ['directory.validation.accountTaken', { account: m[1] }]],
  [/^member (.+) exists already$/, (m) => ['directory.validation.memberExists', { member: m[1] }]],
  [/^has a value of the wrong type or format$/, () => 'directory.validation.format'],
  // link-service's content review names the phrase it refused.
  [/^contains the banned phrase '(.+)'/, (m) => ['validation.bannedPhrase', { phrase: m[1] }]],
];

export function fieldMessage(message) {
  for (const [pattern, key] of FIELD_MESSAGES) {
    const match = pattern.exec(message || '');
    if (match) {
      const found = key(match);
      return Array.isArray(found) ? t(found[0], found[1]) : t(found);
    }
  }
  return message;
}

/** { message, fields: { name: text } } for a failed call. */
export function describe(problem) {
  const fields = {};
  for (const error of problem.errors || []) {
    const text = fieldMessage(error.message);
    fields[error.field] = fields[error.field] ? `${fields[error.field]}; ${text}` : text;
  }
  const reasonKey = `problem.${problem.reason}`;
  const message = problem.reason && has(reasonKey)
    ? t(reasonKey)
    : t('problem.unknown', { status: problem.status, detail: problem.detail || '' });
  return { message, fields };
}
