import type { IdentityProvider } from '@sigstore/sign';

/** The runner's OIDC token request settings: present only when the job has `permissions: id-token: write`. */
export interface OidcRequestEnvironment {
  ACTIONS_ID_TOKEN_REQUEST_URL?: string | undefined;
  ACTIONS_ID_TOKEN_REQUEST_TOKEN?: string | undefined;
}

/** No OIDC token could be had; the message says why and never holds a token. */
export class OidcTokenError extends Error {
  override name = 'OidcTokenError';
}

/**
 * The identity a keyless signature binds: the workflow run's OIDC token for the `sigstore` audience,
 * requested from the runner. Both the request token and the identity token go to `mask` (the runner's
 * `core.setSecret`) before anything could print them.
 */
export function githubActionsTokenProvider(env: OidcRequestEnvironment, mask: (secret: string) => void, fetchImpl: typeof fetch = fetch): IdentityProvider {
  return {
    async getToken() {
      const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
      const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
      if (!url || !bearer) throw new OidcTokenError('no OIDC token: the job needs `permissions: id-token: write`');
      mask(bearer);
      const request = new URL(url);
      request.searchParams.set('audience', 'sigstore');
      let response: Response;
      try {
        response = await fetchImpl(request, { headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` } });
      } catch {
        throw new OidcTokenError(`the runner's OIDC token service did not answer (${request.host})`);
      }
      if (!response.ok) throw new OidcTokenError(`the runner's OIDC token service answered HTTP ${response.status}`);
      const body: unknown = await response.json().catch(() => undefined);
      const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
      if (typeof value !== 'string' || value.split('.').length !== 3) throw new OidcTokenError("the runner's OIDC token service answered without a token");
      mask(value);
      return value;
    },
  };
}
