// Files to and from the services: a CSV or XLSX body sent as it is (imports), and downloads
// (PDF, encrypted XLSX) fetched with the bearer token and saved through a Blob URL, since a plain
// link cannot send the Authorization header the APIs need.
import { headers, problemOf, ApiProblem } from './api.js';

/** POSTs {@code file} (a File) as the request body with its own content type; answers the JSON. */
export async function upload(path, file, contentType) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: headers({ 'Content-Type': contentType }),
      body: file,
    });
  } catch (unreachable) {
    throw new ApiProblem(0, { reason: 'network' });
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/** The content type an import takes for this file: XLSX by its name, else CSV. */
export function spreadsheetType(file) {
  return /\.xlsx$/i.test(file.name)
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
}

function fileNameOf(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Fetches {@code path} with the token ({@code extraHeaders} too, e.g. an export's password) and
 * saves the answer as a file. Answers { name, size, type } of what was saved; the page keeps the
 * last one on window.livelinkLastDownload (without the content), which the browser tests read.
 */
export async function download(path, fallbackName, { method = 'GET', extraHeaders = {} } = {}) {
  let response;
  try {
    response = await fetch(path, { method, headers: headers({ Accept: '*/*', ...extraHeaders }) });
  } catch (unreachable) {
    throw new ApiProblem(0, { reason: 'network' });
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const blob = await response.blob();
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click is handled; the URL is then only memory.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  // Its first bytes name the format (%PDF, an OLE2 compound file), which the browser tests check.
  const head = Array.from(new Uint8Array(await blob.slice(0, 8).arrayBuffer()))
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const saved = { name, size: blob.size, type: blob.type, head };
  window.livelinkLastDownload = saved;
  return saved;
}
