// The header: the navigation the signed-in role can use, the language switch and the
// session (sign in, or who is signed in and sign out).

import { h, replace } from "./dom";
import { lang, setLang, t, term, type Lang } from "./i18n";
import { link, go, render } from "./router";
import { current, isStaff, mayFileIncidents, mayWriteRegister, signOut } from "./session";

export function renderHeader(): void {
  const header = document.getElementById("header")!;
  const who = current();
  const item = (path: string, key: string) => {
    const a = link(path, t(key));
    if (location.pathname === path) a.setAttribute("aria-current", "page");
    return h("li", {}, a);
  };
  const nav = h("nav", { "aria-label": t("nav.main") },
    h("ul", {},
      item("/", "nav.map"),
      item("/sitrep", "nav.sitrep"),
      item("/ceasefires", "nav.ceasefires"),
      isStaff() ? item("/findings", "nav.findings") : null,
      isStaff() || who.role === "liaison" ? item("/notifications", "nav.notifications") : null,
      mayFileIncidents() ? item("/incidents/new", "nav.new_incident") : null,
      mayFileIncidents() ? item("/incidents/build", "nav.build_incident") : null,
      mayWriteRegister() ? item("/sites/new", "nav.new_site") : null,
      mayWriteRegister() ? item("/movements/new", "nav.new_movement") : null,
      who.role === "admin" ? item("/audit", "nav.audit") : null,
    ),
  );
  const select = h("select", { id: "lang", name: "lang" },
    ...(["en", "ar"] as Lang[]).map((l) =>
      h("option", { value: l, selected: l === lang(), lang: l }, t(`lang.${l}`)),
    ),
  );
  select.addEventListener("change", () => {
    setLang(select.value as Lang);
    // An address that asked for a language keeps asking for the one now chosen.
    const params = new URLSearchParams(location.search);
    if (params.has("lang")) {
      params.set("lang", select.value);
      history.replaceState(null, "", `${location.pathname}?${params}`);
    }
    renderHeader();
    void render();
  });
  const session = who.account
    ? h("div", { class: "session" },
        h("span", { "data-role": who.role }, t("session.as", { account: who.account, role: term("role", who.role) })),
        h("button", { type: "button", id: "sign-out", onclick: async () => {
          await signOut();
          renderHeader();
          go("/");
        } }, t("session.sign_out")),
      )
    : h("div", { class: "session" },
        h("span", { "data-role": "public" }, t("session.public")),
        link("/sign-in", t("session.sign_in"), { id: "sign-in-link" }),
      );
  replace(header,
    h("a", { href: "/", "data-link": "", class: "brand" }, t("app_title")),
    nav,
    h("div", { class: "lang" }, h("label", { for: "lang" }, t("lang.label")), select),
    session,
  );
}
