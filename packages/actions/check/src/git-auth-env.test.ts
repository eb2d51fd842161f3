import { describe, expect, it } from '@jest/globals';
import { gitAuthEnv } from './git-auth-env.js';

describe('gitAuthEnv', () => {
  it("gives git the auth header for the server, as actions/checkout sets it, after the environment's own GIT_CONFIG entries", () => {
    const basic = Buffer.from('x-access-token:ghs_example').toString('base64');
    expect(gitAuthEnv({}, 'https://github.com', 'ghs_example')).toEqual({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` });
    expect(gitAuthEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'index.sparse', GIT_CONFIG_VALUE_0: 'true' }, 'https://ghe.example.com/', 'ghs_example')).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_1: 'http.https://ghe.example.com/.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`,
    });
  });

  it('adds nothing without a token, and ignores a count that is not one', () => {
    expect(gitAuthEnv({ GIT_CONFIG_COUNT: '3' }, 'https://github.com', '')).toEqual({});
    expect(gitAuthEnv({ GIT_CONFIG_COUNT: 'x' }, 'https://github.com', 't').GIT_CONFIG_KEY_0).toBe('http.https://github.com/.extraheader');
  });
});
