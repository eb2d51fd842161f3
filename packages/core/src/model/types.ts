/** The data model: what policies, controls, people and criteria look like once validated. */
import type { ParsedDocument } from '../parse/parse-document.js';

export type CategoryId = 'security' | 'availability' | 'confidentiality' | 'processing-integrity' | 'privacy';
export type PolicyStatus = 'draft' | 'approved' | 'retired';
export type ControlStatus = 'planned' | 'implemented' | 'operating';
export type Frequency = 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annually' | 'event';
export type ReviewCadence = 'monthly' | 'quarterly' | 'semiannually' | 'annually';
/** `everyone` in an acknowledgment audience means every active roster person. */
export const EVERYONE = 'everyone';

export interface PolicyData {
  id: string;
  title: string;
  version: string;
  status: PolicyStatus;
  owner: string;
  approvers: string[];
  effective_date: string;
  review: { cadence: ReviewCadence; last_reviewed?: string; next_review?: string };
  criteria: string[];
  acknowledgment?: { audience: string[]; within_days: number };
}

export interface ControlEvidence {
  description: string;
  collection: 'manual' | 'automated' | 'github';
  source?: string;
}

export interface ControlData {
  id: string;
  title: string;
  owner: string;
  criteria: string[];
  policies: string[];
  status: ControlStatus;
  frequency: Frequency;
  evidence: ControlEvidence[];
}

/** A validated document: typed data plus the parsed source it came from. */
export interface Policy extends PolicyData {
  source: ParsedDocument;
}
export interface Control extends ControlData {
  source: ParsedDocument;
}

/** A policy or control that failed its schema: the fields that passed (any may be missing), and its source. */
export type PartialPolicy = Partial<PolicyData> & { source: ParsedDocument };
export type PartialControl = Partial<ControlData> & { source: ParsedDocument };

export interface Person {
  id: string;
  name: string;
  github: string;
  email: string;
  roles: string[];
  start_date: string;
  end_date?: string;
  /** Roster person id of the person's manager: the reporting line. */
  manager?: string;
  /** Marks an entry of the starter's fictional roster: `content/placeholder` reports it until it is replaced. */
  example?: boolean;
}

export interface Team {
  id: string;
  name: string;
  github_team?: string;
  members: string[];
  /** What the team is responsible for (the system description's people and teams). */
  responsibilities?: string;
}

export interface Category {
  id: string;
  name: string;
  required: boolean;
  description?: string;
}

export interface Criterion {
  id: string;
  category: string;
  family: string;
  topic?: string;
  summary: string;
  /** Licensed criterion text a user dropped into a local file, when present. */
  text?: string;
}

export interface Framework {
  id: string;
  name: string;
  source?: string;
  categories: Category[];
  criteria: Criterion[];
}
