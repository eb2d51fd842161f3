import type { Person } from '@evident/core';
import { sameLogin } from '@evident/core';

/** The roster person with this GitHub login (logins compare in ASCII case only: see foldLogin), if any. */
export function findPersonByLogin(people: readonly Person[], login: string | null): Person | undefined {
  if (!login) return undefined;
  return people.find((p) => sameLogin(p.github, login));
}
