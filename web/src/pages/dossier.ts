// An attack's dossier (staff roles; the API answers liaisons and the public 403, whose
// message is shown): the sections of the printed dossier (crates/vigil-dossier/src/html.rs)
// in the same order and words, in the chosen language, with a button to print it on A4.

import { get } from "../api";
import { integritySection, proofsSection } from "../dossier/integrity";
import { incidentSection } from "../dossier/incident";
import { evidenceSection, findingsSection, sourcesSection, statementsSection } from "../dossier/records";
import { targetsSection } from "../dossier/targets";
import { code, utc } from "../dossier/common";
import { dossierPath, type Dossier } from "../dossier/types";
import { h, replace } from "../dom";
import { t, term } from "../i18n";
import { link } from "../router";
import { failure, loading } from "../view";

function title(d: Dossier): string {
  return d.incident.title ?? t("dossier.kind_category", {
    kind: term("incident_kind", d.incident.kind), category: term("category", d.incident.category),
  });
}

export async function dossierPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  const back = () => h("p", { class: "back" }, link(`/incidents/${encodeURIComponent(id)}`, t("dossier.back")));
  replace(main, loading());
  let d: Dossier;
  try {
    d = await get<Dossier>(dossierPath(id));
  } catch (e) {
    replace(main, h("h1", {}, t("dossier.heading")), failure(e), back());
    return;
  }
  const i = d.incident;
  replace(main,
    h("article", { class: "dossier", "data-dossier": i.id },
      h("h1", {}, t("dossier.title", { title: title(d) })),
      h("p", { class: "meta" },
        t("dossier.incident_id"), " ", code(i.id), " · ",
        t("dossier.generated", { time: utc(d.generated_at), role: term("role", d.prepared_for) }), " · ",
        t(d.source_identities ? "dossier.sources_named" : "dossier.sources_numbered")),
      h("div", { class: "actions" },
        h("button", { type: "button", id: "print", onclick: () => window.print() }, t("dossier.print")),
        back()),
      ...incidentSection(d),
      ...targetsSection(d),
      ...statementsSection(d),
      ...evidenceSection(d),
      ...findingsSection(d),
      ...sourcesSection(d),
      ...integritySection(d),
      proofsSection(d),
    ),
  );
}
