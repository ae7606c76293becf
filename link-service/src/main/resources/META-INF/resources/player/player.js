// LiveLink's player, served when livelink.links.player-url is not set. A viewer arrives here from
// GET /s/{code} with a short-lived player token (?token=), which it exchanges (GET /play/{token})
// for the stream's facts, a view session and a play URL signed for minutes. It keeps the session
// alive with heartbeats, whose answers carry a fresh play URL and the stream's state, and stops
// when a heartbeat is refused (revoked link, member gone, stream over). HLS plays natively where
// the browser can (Safari, WeChat's in-app browser) and through hls.js where it cannot.
//
// The page reports what it shows in <body data-state data-reason data-engine data-view-session>
// (the session's id as analytics reports it, not its token) for tests and for
// support staff reading a screenshot's DOM.
'use strict';

(async () => {
  const HLS_LIBRARY = '/player/vendor/dist/hls.min.js';
  const RETRY_MS = 3000;
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const video = $('video');

  const texts = await loadTexts();
  const language = preferredLanguage();
  const t = texts[language];
  document.documentElement.lang = language;
  document.title = t.pageTitle;

  const token = new URLSearchParams(location.search).get('token');
  // The token is a credential: take it out of the address bar, so a copied URL does not carry it.
  history.replaceState(null, '', location.pathname);
  if (!token) {
    show('refused', t.openLink, '');
    return;
  }

  let answer;
  try {
    const response = await fetch('/play/' + encodeURIComponent(token), {
      headers: { Accept: 'application/json', 'Accept-Language': language },
    });
    answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      refuse(answer.reason);
      return;
    }
  } catch (unreachable) {
    show('refused', t.unreachable, '');
    return;
  }

  let playUrl = answer.playUrl;
  let streamState = answer.state;
  let heartbeatSeconds = Math.max(5, answer.heartbeatIntervalSeconds || 15);
  let engine = null; // { kind, stop() } while media is attached
  let retry = null;
  let heartbeat = null;
  let finished = false;
  const session = '/sessions/' + encodeURIComponent(answer.viewSession);
  body.dataset.viewSession = answer.viewSessionId || '';
  describe(answer);
  follow(streamState);
  scheduleHeartbeat();
  addEventListener('pagehide', leave);

  // --- what the viewer sees -------------------------------------------------------------------

  function show(state, title, message) {
    body.dataset.state = state;
    $('overlay-title').textContent = title || '';
    $('overlay-message').textContent = message || '';
    $('status').textContent = title || '';
  }

  function describe(stream) {
    $('title').textContent = stream.title || '';
    $('description').textContent = stream.description || '';
    if (stream.title) {
      document.title = stream.title;
    }
    if (stream.coverUrl) {
      video.poster = stream.coverUrl;
      $('overlay').parentElement.style.backgroundImage = 'url("' + CSS.escape(stream.coverUrl) + '")';
    }
  }

  function badge(label) {
    $('badge').textContent = label;
    $('badge').hidden = !label;
  }

  function refuse(reason) {
    finish();
    if (reason === 'stream-ended' || reason === 'stream-not-watchable') {
      ended();
      return;
    }
    const refusal = t.refusals[reason] || t.refusals.other;
    body.dataset.reason = reason || 'other';
    badge('');
    show('refused', refusal.title, refusal.message);
  }

  function ended() {
    finish();
    badge(t.ended);
    show('ended', t.ended, t.endedHint);
  }

  function waiting() {
    badge(t.upcoming);
    const at = answer.scheduledAt
      ? t.waitingAt.replace('{time}', new Intl.DateTimeFormat(language, {
        dateStyle: 'medium', timeStyle: 'short',
      }).format(new Date(answer.scheduledAt)))
      : '';
    show('waiting', t.waiting, [at, t.waitingHint].filter(Boolean).join('\n'));
  }

  // --- the stream's state, from the exchange and every heartbeat ------------------------------

  function follow(state) {
    streamState = state;
    if (finished) {
      return;
    }
    if (answer.playback === 'REPLAY') {
      badge(t.replay);
      play();
    } else if (state === 'LIVE') {
      badge(t.live);
      play();
    } else if (state === 'ENDED') {
      ended();
    } else {
      waiting();
    }
  }

  function scheduleHeartbeat() {
    heartbeat = setTimeout(beat, heartbeatSeconds * 1000);
  }

  async function beat() {
    if (finished) {
      return;
    }
    let response;
    try {
      response = await fetch(session + '/heartbeat', { method: 'POST' });
    } catch (unreachable) {
      scheduleHeartbeat(); // a network blip: the current play URL still works for minutes
      return;
    }
    if (response.ok) {
      const fresh = await response.json();
      playUrl = fresh.playUrl;
      heartbeatSeconds = Math.max(5, fresh.heartbeatIntervalSeconds || heartbeatSeconds);
      follow(fresh.state);
      scheduleHeartbeat();
    } else if (response.status >= 400 && response.status < 500) {
      // Revoked, no longer a member, broadcast over, session expired: stop, and say why.
      const problem = await response.json().catch(() => ({}));
      refuse(problem.reason);
    } else {
      scheduleHeartbeat();
    }
  }

  function leave() {
    if (finished) {
      return;
    }
    finish();
    navigator.sendBeacon(session + '/leave');
  }

  function finish() {
    finished = true;
    clearTimeout(heartbeat);
    clearTimeout(retry);
    detach();
  }

  // --- playing --------------------------------------------------------------------------------

  async function play() {
    if (engine || retry) {
      return;
    }
    if (!body.dataset.state || !['live', 'replay'].includes(body.dataset.state)) {
      show('connecting', t.connecting, '');
    }
    const kind = await chooseEngine(playUrl);
    if (finished) {
      return;
    }
    if (!kind) {
      finish();
      show('unsupported', t.unsupported, '');
      return;
    }
    body.dataset.engine = kind;
    engine = kind === 'hls.js' ? attachHlsJs() : attachNative();
    video.play().catch(() => {
      // Autoplay refused (sound, power saving): the viewer starts it.
      const button = $('tap-to-play');
      button.textContent = t.tapToPlay;
      button.hidden = false;
      button.onclick = () => {
        button.hidden = true;
        video.play();
      };
    });
  }

  function detach() {
    if (engine) {
      engine.stop();
      engine = null;
    }
    video.pause();
    video.removeAttribute('src');
    video.load();
  }

  /** The media is not there yet (the encoder just started) or a URL ran out: try again soon. */
  function retryLater() {
    detach();
    if (finished || retry) {
      return;
    }
    retry = setTimeout(() => {
      retry = null;
      if (!finished && (streamState === 'LIVE' || answer.playback === 'REPLAY')) {
        play();
      }
    }, RETRY_MS);
  }

  video.addEventListener('playing', () => {
    $('tap-to-play').hidden = true;
    show(answer.playback === 'REPLAY' ? 'replay' : 'live', answer.playback === 'REPLAY' ? t.replay : t.live, '');
  });

  async function chooseEngine(url) {
    const hls = /\.m3u8(\?|$)/i.test(url);
    const nativeHls = video.canPlayType('application/vnd.apple.mpegurl') !== '';
    if (!hls) {
      return 'native';
    }
    // WeChat's in-app browser plays HLS itself, and is where viewers mostly come from.
    if (/MicroMessenger/i.test(navigator.userAgent) && nativeHls) {
      return 'native';
    }
    if (window.MediaSource || window.ManagedMediaSource) {
      try {
        await loadScript(HLS_LIBRARY);
        if (window.Hls && window.Hls.isSupported()) {
          return 'hls.js';
        }
      } catch (notLoaded) {
        // fall through to the browser's own HLS, if any
      }
    }
    return nativeHls ? 'native' : null;
  }

  function attachNative() {
    const onError = () => retryLater();
    video.addEventListener('error', onError);
    video.src = playUrl;
    return {
      kind: 'native',
      stop: () => video.removeEventListener('error', onError),
    };
  }

  function attachHlsJs() {
    const Hls = window.Hls;
    const hls = new Hls({
      // Every playlist and segment request carries the newest signature a heartbeat brought, so
      // playback goes on past the first play URL's expiry, and stops with the last one's.
      xhrSetup: (xhr, url) => xhr.open('GET', signed(url), true),
      liveSyncDurationCount: 3,
      manifestLoadingMaxRetry: 2,
      levelLoadingMaxRetry: 2,
    });
    let recovered = false;
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (!data.fatal) {
        return;
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
        recovered = true;
        hls.recoverMediaError();
      } else {
        retryLater();
      }
    });
    hls.loadSource(playUrl);
    hls.attachMedia(video);
    return { kind: 'hls.js', stop: () => hls.destroy() };
  }

  /** The URL hls.js asks for, with the query (signature, expiry) of the newest play URL. */
  function signed(url) {
    const current = new URL(playUrl, location.href);
    const target = new URL(url, current);
    if (target.origin !== current.origin) {
      return url;
    }
    current.searchParams.forEach((value, name) => target.searchParams.set(name, value));
    return target.toString();
  }

  // --- small helpers --------------------------------------------------------------------------

  function preferredLanguage() {
    for (const preferred of navigator.languages || [navigator.language]) {
      if (/^zh\b/i.test(preferred || '')) {
        return 'zh-CN';
      }
      if (/^en\b/i.test(preferred || '')) {
        return 'en';
      }
    }
    return 'en';
  }

  async function loadTexts() {
    const response = await fetch('/player/texts.json');
    return response.json();
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      if (window.Hls) {
        resolve();
        return;
      }
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
})();
