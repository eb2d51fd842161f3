import type { Person } from '@evident/core';

/** The roster person with this GitHub login (logins compare case-insensitively), if any. */
export function findPersonByLogin(people: readonly Person[], login: string | null): Person | undefined {
  if (!login) return undefined;
  const wanted = login.toLowerCase();
  return people.find((p) => p.github.toLowerCase() === wanted);
}
