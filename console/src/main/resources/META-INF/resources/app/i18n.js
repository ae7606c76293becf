// Every word the console shows comes from i18n/{language}.json; both dictionaries carry the same
// keys (I18nDictionariesTest). Chinese when the browser prefers it, else English; the user's
// choice is remembered.
const { reactive } = Vue;

export const LANGUAGES = ['zh-CN', 'en'];
const STORAGE_KEY = 'livelink.console.language';

const state = reactive({ language: 'en', dictionary: {} });

export function preferredLanguage(stored, browserLanguages) {
  if (LANGUAGES.includes(stored)) {
    return stored;
  }
  for (const language of browserLanguages || []) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) {
      return 'zh-CN';
    }
    if (lower.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
}

async function load(language) {
  const response = await fetch(`i18n/${language}.json`);
  if (!response.ok) {
    throw new Error(`dictionary ${language}: ${response.status}`);
  }
  return response.json();
}

export async function startI18n() {
  const language = preferredLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages);
  await useLanguage(language, false);
}

export async function useLanguage(language, remember = true) {
  state.dictionary = await load(language);
  state.language = language;
  document.documentElement.lang = language;
  document.title = state.dictionary['app.title'] || 'LiveLink';
  if (remember) {
    localStorage.setItem(STORAGE_KEY, language);
  }
}

export function currentLanguage() {
  return state.language;
}

/** The text of {@code key} in the current language, with {name} placeholders filled. */
export function t(key, params = {}) {
  const text = state.dictionary[key];
  if (text === undefined) {
    console.warn(`missing text ${key} in ${state.language}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function has(key) {
  return key in state.dictionary;
}

export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(state.language, { hour12: false });
}
