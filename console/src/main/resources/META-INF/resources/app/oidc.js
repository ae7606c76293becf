// Signing in with an OIDC issuer (production): the authorization code flow with PKCE (S256), run
// by the page as a public client, since a page can keep no client secret. The issuer's discovery
// document names its endpoints; the verifier waits in sessionStorage while the browser is at the
// issuer, and the access token it answers is kept as the development sign-in's is.
import { signIn } from './session.js';

const { reactive } = Vue;

const PENDING_KEY = 'livelink.console.oidc.pending';

/**
 * Why the last return from the issuer did not sign in, for the sign-in page to say:
 * { reason: refused | foreign-answer | token | discovery, detail }.
 */
export const oidcOutcome = reactive({ failure: null });

export class OidcFailure extends Error {
  constructor(reason, detail = '') {
    super(`${reason}: ${detail}`);
    this.reason = reason;
    this.detail = detail;
  }
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString(byteCount) {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

/** The issuer comes back to the console's own page, where the app starts. */
function redirectUri() {
  return location.origin + location.pathname;
}

async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    throw new OidcFailure('discovery', `HTTP ${response.status}`);
  }
  const configuration = await response.json();
  // A document naming another issuer is not this issuer's (OpenID Connect Discovery 4.3).
  if (String(configuration.issuer).replace(/\/+$/, '') !== issuer) {
    throw new OidcFailure('discovery', configuration.issuer);
  }
  return configuration;
}

/** Sends the browser to the issuer's authorization endpoint, with a fresh PKCE challenge. */
export async function beginOidcSignIn(oidc) {
  const configuration = await discover(oidc.issuer);
  const verifier = randomString(32);
  const state = randomString(16);
  const challenge = base64Url(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  );
  sessionStorage.setItem(
    PENDING_KEY,
    JSON.stringify({
      verifier,
      state,
      tokenEndpoint: configuration.token_endpoint,
      clientId: oidc.clientId,
      redirectUri: redirectUri(),
    }),
  );
  const authorize = new URL(configuration.authorization_endpoint);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  authorize.search = params.toString();
  location.assign(authorize.toString());
}

/**
 * On the way back from the issuer (?code=…&state=… or ?error=…): exchanges the code with the
 * verifier at the token endpoint and signs in. Answers whether this was such a return; a failure
 * is left in oidcOutcome for the sign-in page.
 */
export async function completeOidcSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  // The code is single-use and no business of the address bar or the history.
  history.replaceState(null, '', `${location.pathname}#/sign-in`);
  try {
    if (params.has('error')) {
      throw new OidcFailure('refused', params.get('error_description') || params.get('error'));
    }
    if (!pending || pending.state !== params.get('state')) {
      throw new OidcFailure('foreign-answer');
    }
    const response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }),
    });
    if (!response.ok) {
      throw new OidcFailure('token', `HTTP ${response.status}`);
    }
    const answer = await response.json();
    signIn(answer.access_token);
    location.hash = '#/streams';
  } catch (failure) {
    oidcOutcome.failure =
      failure instanceof OidcFailure ? failure : new OidcFailure('token', failure.message);
  }
  return true;
}
