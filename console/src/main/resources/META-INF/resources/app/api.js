// Calls to the services through the console's one origin (/api/link, /api/permission,
// /api/analytics), with the caller's bearer token. Failures become ApiProblem, carrying the
// RFC 7807 body the service answered.
import { session, signOut } from './session.js';

export class ApiProblem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.reason = (body && body.reason) || null;
    this.detail = (body && body.detail) || null;
    this.errors = (body && Array.isArray(body.errors) && body.errors) || [];
  }
}

export function headers(extra = {}) {
  const all = { Accept: 'application/json', ...extra };
  if (session.current) {
    all.Authorization = `Bearer ${session.current.token}`;
  }
  return all;
}

export async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    body = null;
  }
  if (response.status === 401) {
    signOut();
  }
  return new ApiProblem(response.status, body);
}

export async function request(method, path, body) {
  const init = { method, headers: headers() };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (unreachable) {
    throw new ApiProblem(0, { reason: 'network' });
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return null;
  }
  return response.json();
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);

/**
 * Reads a Server-Sent Events stream with fetch, which (unlike EventSource) can send the bearer
 * token. Calls onEvent with each event's parsed JSON data until the returned stop() is called;
 * reconnects after a dropped connection.
 */
export function subscribe(path, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let stopped = false;

  async function readOnce() {
    const response = await fetch(path, {
      headers: headers({ Accept: 'text/event-stream' }),
      signal: controller.signal,
    });
    if (!response.ok) {
      throw await problemOf(response);
    }
    onState('open');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffered += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) {
          onEvent(JSON.parse(data));
        }
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await readOnce();
      } catch (failure) {
        if (stopped) {
          return;
        }
        if (failure instanceof ApiProblem && failure.status >= 400 && failure.status < 500) {
          onState('refused', failure);
          return;
        }
      }
      if (!stopped) {
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  })();

  return () => {
    stopped = true;
    controller.abort();
  };
}

/**
 * Sends a file as the request body (e.g. a CSV or XLSX import) with its content type; answers
 * the JSON the service returns, or throws ApiProblem like request().
 */
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

/** The file name a response's Content-Disposition gives, if any. */
export function attachmentName(disposition) {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition || '');
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Downloads a file the API answers (an export): fetched with the bearer token, which a plain link
 * cannot send, then saved through a Blob URL under the server's file name. Answers
 * { name, type, size }; throws ApiProblem like request().
 */
export async function download(path, fallbackName) {
  let response;
  try {
    response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  } catch (unreachable) {
    throw new ApiProblem(0, { reason: 'network' });
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const name = attachmentName(response.headers.get('Content-Disposition')) || fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // The browser reads the Blob once the click's download started; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return { name, type: blob.type, size: blob.size };
}
