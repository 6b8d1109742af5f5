// The dossier's integrity: first one paragraph saying how many of its records the
// transparency log proves against which signed checkpoint (and, in red, any record that
// differs from its logged write); then, on a page of its own when printed, the checkpoint,
// the log's public key, each record's status and leaf, and each inclusion proof, so a reader
// can check them with `vigil verify-proof` without the database.

import { h } from "../dom";
import { num, t } from "../i18n";
import { code } from "./common";
import type { Dossier, RecordProof } from "./types";

function status(r: RecordProof): Node | string {
  if (r.proof) return t("dossier.proof.proven_leaf", { leaf: num(r.proof.leaf_index) });
  const words = t(`dossier.proof.${r.status}`);
  return r.status === "differs" ? h("span", { class: "warn" }, words) : words;
}

export function integritySection(d: Dossier): HTMLElement[] {
  const g = d.integrity;
  const proven = g.records.filter((r) => r.status === "proven").length;
  const out: HTMLElement[] = [h("h2", {}, t("dossier.integrity"))];
  if (g.checkpoint !== null && g.tree_size !== null) {
    const origin = g.checkpoint.split("\n")[0] ?? "";
    out.push(h("p", { id: "integrity-summary", "data-proven": proven, "data-records": g.records.length },
      t("dossier.integrity_summary", { proven: num(proven), count: num(g.records.length), size: num(g.tree_size) }),
      " ", code(origin), ". ", t("dossier.integrity_follow")));
  } else {
    out.push(h("p", { class: "warn" }, t("dossier.integrity_none")));
  }
  for (const r of g.records.filter((x) => x.status === "differs")) {
    out.push(h("p", { class: "warn", "data-differs": r.record }, code(r.record), " ", t("dossier.proof.differs"), t("dossier.run_verify")));
  }
  return out;
}

export function proofsSection(d: Dossier): HTMLElement {
  const g = d.integrity;
  return h("section", { class: "proofs" },
    h("h2", {}, t("dossier.proofs")),
    h("p", {}, t("dossier.proofs_intro"), " ",
      code("vigil verify-proof --proof PROOF.json --checkpoint CHECKPOINT --public-key KEY"), "."),
    g.checkpoint !== null ? [h("h3", {}, t("dossier.checkpoint")), h("pre", { dir: "ltr", id: "checkpoint" }, g.checkpoint)] : null,
    g.public_key !== null ? [h("h3", {}, t("dossier.public_key")), h("pre", { dir: "ltr", id: "public-key" }, g.public_key)] : null,
    h("h3", {}, t("dossier.records")),
    h("ul", { class: "records" }, ...g.records.map((r) =>
      h("li", { "data-record": r.record, "data-status": r.status }, code(r.record), ": ", status(r)))),
    ...g.records.filter((r) => r.proof).map((r) =>
      h("div", { class: "proof" }, h("h3", {}, code(r.record)), h("pre", { dir: "ltr" }, JSON.stringify(r.proof, null, 2)))),
  );
}
