/**
 * Why the evidence records a workflow checked out are not the program's, or undefined when they are
 * (or when the checkout does not say which branch it holds: a detached commit). `configured` is
 * evident.yaml's `evidence.branch`; `checkedOut` is the branch the records checkout is on. Reminders
 * read from another branch would count every record-met occurrence as missing, without a word. Pure.
 */
export function recordsBranchMismatch(configured: string, checkedOut: string | undefined, workflowFile: string): string | undefined {
  if (checkedOut === undefined || checkedOut === 'HEAD' || checkedOut === configured) return undefined;
  return `Unexpected evidence records from the branch \`${checkedOut}\`, expected \`${configured}\` (evident.yaml's \`evidence.branch\`): set \`ref: ${configured}\` on the records checkout in ${workflowFile}`;
}
