/**
 * A GitHub login folded for comparison: ASCII letters only, as GitHub logins are ASCII. Unlike
 * toLowerCase, it leaves every other character alone, so the Kelvin sign (U+212A) never equals `k`.
 */
export const foldLogin = (login: string): string => login.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** Whether two logins name the same GitHub account (ASCII case-insensitive); null (a deleted account) equals only null. */
export const sameLogin = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : foldLogin(a) === foldLogin(b));
