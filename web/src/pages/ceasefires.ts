// Ceasefires (GET /api/ceasefires, public knowledge): name, parties, areas, start, planned end
// and collapse; the source only where the API gives it (monitors and admins). A ceasefire's
// page also lists, for staff, the stored findings that an incident fell inside its area and
// period, with links to the incidents.

import { all, allOrNone, get } from "../api";
import { areas, nameOf, type Area } from "../areas";
import { h, replace } from "../dom";
import { counted, date, t } from "../i18n";
import { link } from "../router";
import { isStaff } from "../session";
import { failure, facts, loading, section, table } from "../view";
import { findingsTable } from "./findings";

interface Ceasefire {
  id: string;
  name: string;
  parties: string[];
  areas: string[];
  start: string;
  planned_end?: string | null;
  collapsed_at?: string | null;
  source?: string | null;
}

function areaList(c: Ceasefire, known: Map<string, Area>): string {
  return c.areas.length ? c.areas.map((a) => nameOf(known, a)).join(t("sitrep.comma")) : t("ceasefires.whole_country");
}

const path = (id: string) => `/ceasefires/${encodeURIComponent(id)}`;

export async function ceasefiresPage(main: HTMLElement): Promise<void> {
  replace(main, h("h1", {}, t("ceasefires.title")), loading());
  let list: Ceasefire[];
  let known: Map<string, Area>;
  try {
    [list, known] = await Promise.all([all<Ceasefire>("/api/ceasefires"), areas()]);
  } catch (e) {
    replace(main, h("h1", {}, t("ceasefires.title")), failure(e));
    return;
  }
  replace(main,
    h("h1", {}, t("ceasefires.title")),
    h("p", { id: "ceasefires-count" }, counted("count.ceasefires", list.length)),
    table(
      ["field.name", "field.parties", "field.areas", "field.start", "field.planned_end", "field.collapsed_at"],
      list.map((c) => [
        link(path(c.id), c.name),
        c.parties.join(t("sitrep.comma")),
        areaList(c, known),
        date(c.start),
        c.planned_end ? date(c.planned_end) : null,
        c.collapsed_at ? date(c.collapsed_at) : null,
      ]),
      { class: "ceasefires", id: "ceasefire-list" },
    ),
  );
}

export async function ceasefirePage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  const back = () => h("p", { class: "back" }, link("/ceasefires", t("ceasefires.back")));
  replace(main, loading());
  let c: Ceasefire;
  let known: Map<string, Area>;
  let violations: any[] | null = null;
  try {
    [c, known] = await Promise.all([get<Ceasefire>(`/api/ceasefires/${encodeURIComponent(id)}`), areas()]);
    // The findings are for staff roles; the API refuses the others, who are not asked.
    if (isStaff()) {
      const found = await allOrNone<any>("/api/findings?kind=ceasefire_violation");
      violations = found?.filter((f) => f.subject?.type === "ceasefire" && f.subject?.id === c.id) ?? null;
    }
  } catch (e) {
    replace(main, h("h1", {}, t("ceasefires.title")), failure(e), back());
    return;
  }
  replace(main,
    h("article", { class: "ceasefire", "data-ceasefire": c.id },
      h("p", { class: "eyebrow" }, t("ceasefires.title")),
      h("h1", {}, c.name),
      facts([
        ["field.id", c.id],
        ["field.parties", c.parties.join(t("sitrep.comma"))],
        ["field.areas", areaList(c, known)],
        ["field.start", date(c.start)],
        ["field.planned_end", c.planned_end ? date(c.planned_end) : null],
        ["field.collapsed_at", c.collapsed_at ? date(c.collapsed_at) : null],
        ["field.source", c.source ?? null],
      ]),
      violations === null ? null : section("ceasefires.violations",
        h("p", { id: "violations-count" }, t("ceasefires.violations_count", {
          incidents: counted("count.incidents", new Set(violations.map((f) => f.incident)).size),
        })),
        findingsTable(violations)),
      back(),
    ),
  );
}
