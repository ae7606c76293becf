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
