import type { Served } from './fake-repository.js';

/** One page of a list as GitHub serves it (`per_page`, `page`), with the `link` header to the others. */
export function paginate(items: unknown[], query: URLSearchParams, pathname: string, baseUrl: string): Served {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${baseUrl}${pathname}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
}
