import { editDistance } from './edit-distance.js';

/**
 * The candidate a mistyped `input` most likely meant, or undefined when none is close enough to
 * suggest. Case is ignored. A candidate is close when it is at most one edit per three letters of
 * the input away (at least one edit), and fewer edits than the input has letters, so a one-letter
 * input matches nothing but itself. On a tie the earlier candidate wins. Pure.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    const limit = Math.max(1, Math.floor(typed.length / 3));
    if (distance > limit || distance >= typed.length) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}
