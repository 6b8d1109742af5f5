// The dossier's JSON (`vigil-dossier/1`), as GET /api/incidents/{id}/dossier answers it; the
// layout is crates/vigil-dossier/src/model.rs. Only what the pages read is typed.

export interface PartyRef {
  id: string;
  name: string | null;
}

export interface Casualty {
  group: string;
  outcome: string;
  low: number;
  best: number;
  high: number;
  source: string | null;
}

export interface Attribution {
  party: string;
  party_name: string | null;
  grade: string;
  sources: string[];
}

export interface IncidentPart {
  id: string;
  title: string | null;
  kind: string;
  category: string;
  weapon: string | null;
  start: string;
  end: string;
  time_precision: string;
  lat: number | null;
  lon: number | null;
  place_precision: string;
  radius_m: number;
  area: { id: string; name: string; name_ar: string | null } | null;
  damage: string | null;
  certainty: string;
  casualties: Casualty[];
  attributions: Attribution[];
  description: string | null;
  reports: string[];
}

export interface Acknowledgement {
  party: PartyRef;
  received_at: string;
  by: string | null;
  channel: string | null;
  relative_to_incident: "before" | "during" | "after";
}

export interface NotificationPart {
  id: string;
  version: number;
  parties: PartyRef[];
  sent_at: string;
  valid_from: string;
  valid_to: string | null;
  withdrawn_at: string | null;
  channel: string | null;
  payload_sha256: string;
  in_force: boolean;
  sent_before: boolean;
  days_before: number;
  acknowledgements: Acknowledgement[];
  source: string | null;
}

export interface TargetPart {
  kind: "site" | "movement";
  id: string;
  name: string;
  what: string;
  operator: string | null;
  lat: number | null;
  lon: number | null;
  named_by_incident: boolean;
  status_then: string | null;
  notifications: NotificationPart[];
}

export interface StatementPart {
  id: string;
  made_on: string;
  kind: string;
  party: PartyRef | null;
  summary: string;
  source: string;
}

export interface CustodyPart {
  at: string;
  kind: string;
  actor: string;
  note: string | null;
}

export interface EvidencePart {
  sha256: string;
  size: number;
  media_type: string;
  captured_at: string | null;
  captured_by: string | null;
  acquired_from: string | null;
  redacted_from: string | null;
  added_at: string;
  custody: CustodyPart[];
}

export interface FindingPart {
  kind: string;
  strength: string;
  explanation: string;
}

export interface SourcePart {
  label: string;
  kind: string | null;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published_on: string | null;
}

export type ProofStatus = "proven" | "not_yet_checkpointed" | "differs" | "not_logged";

export interface RecordProof {
  record: string;
  status: ProofStatus;
  proof: { leaf_index: number; tree_size: number; leaf: string; inclusion_path: string[] } | null;
}

export interface Integrity {
  checkpoint: string | null;
  public_key: string | null;
  tree_size: number | null;
  records: RecordProof[];
}

export interface Dossier {
  format: string;
  generated_at: string;
  prepared_for: string;
  source_identities: boolean;
  incident: IncidentPart;
  targets: TargetPart[];
  statements: StatementPart[];
  evidence: EvidencePart[];
  findings: FindingPart[];
  sources: SourcePart[];
  integrity: Integrity;
}

/** The dossier of an incident for the signed-in role (the API refuses liaisons and the
 *  public with 403). */
export function dossierPath(id: string): string {
  return `/api/incidents/${encodeURIComponent(id)}/dossier`;
}
