/** Types of scripts/lint-workflows.mjs, for its tests. */
export interface WorkflowFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

export interface ActionlintResult {
  kind: string;
  message: string;
  line: number;
  column: number;
}

export const knownFalsePositives: readonly { kind: string; message: RegExp; reason: string }[];
export function isKnownFalsePositive(result: ActionlintResult): boolean;
export function hardeningFindings(text: string, file: string): WorkflowFinding[];
export function actionlintFindings(text: string, absolutePath: string): Promise<WorkflowFinding[]>;
