/**
 * The environment that lets every git process of the action fetch from `serverUrl` with `token`
 * (the auth header actions/checkout sets, but in the environment rather than in `.git/config`, so
 * nothing of it stays in the checkout when the action ends): appended to any `GIT_CONFIG_*`
 * entries `env` already holds. Empty without a token. Pure.
 */
export function gitAuthEnv(env: Readonly<Record<string, string | undefined>>, serverUrl: string, token: string): Record<string, string> {
  if (token === '') return {};
  const count = Number(env.GIT_CONFIG_COUNT ?? '0');
  const at = Number.isInteger(count) && count > 0 ? count : 0;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return {
    GIT_CONFIG_COUNT: String(at + 1),
    [`GIT_CONFIG_KEY_${at}`]: `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`,
    [`GIT_CONFIG_VALUE_${at}`]: `AUTHORIZATION: basic ${basic}`,
  };
}
