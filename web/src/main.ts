// Vigil's web interface: the header, the client routes, and the session restored from this
// tab's storage. Every page renders what the API answers for the signed-in role (the public
// when nobody is), and nothing else.

import "./styles.css";
import { SESSION_ENDED } from "./api";
import { forget } from "./areas";
import { renderHeader } from "./header";
import { applyToDocument, t } from "./i18n";
import { h, replace } from "./dom";
import { auditPage } from "./pages/audit";
import { ceasefirePage, ceasefiresPage } from "./pages/ceasefires";
import { dossierPage } from "./pages/dossier";
import { incidentPage } from "./pages/incident";
import { findingsPage } from "./pages/findings";
import { mapPage } from "./pages/map";
import { newIncidentPage } from "./pages/new-incident";
import { buildIncidentPage } from "./pages/build-incident";
import { notificationsPage } from "./pages/notifications";
import { signInPage } from "./pages/signin";
import { sitrepPage } from "./pages/sitrep";
import { sitePage } from "./pages/site";
import { movementPage } from "./pages/movement";
import { editMovementPage, newMovementPage } from "./pages/movement-form";
import { newVersionPage, notifyMovementPage, notifySitePage } from "./pages/notify";
import { editSitePage, newSitePage } from "./pages/site-form";
import { changed, notFound, render, route, start } from "./router";
import { restore } from "./session";

route("/", mapPage);
// Before /sites/:id, which would take "new" for an id.
route("/sites/new", newSitePage);
route("/sites/:id", sitePage);
route("/sites/:id/edit", editSitePage);
route("/sites/:id/notify", notifySitePage);
// Before /movements/:id, which would take "new" for an id.
route("/movements/new", newMovementPage);
route("/movements/:id", movementPage);
route("/movements/:id/notify", notifyMovementPage);
route("/movements/:id/edit", editMovementPage);
// Before /incidents/:id, which would take "new" or "build" for an id.
route("/incidents/new", newIncidentPage);
route("/incidents/build", buildIncidentPage);
route("/incidents/:id", incidentPage);
route("/incidents/:id/dossier", dossierPage);
route("/findings", findingsPage);
route("/notifications", notificationsPage);
route("/notifications/:id/edit", newVersionPage);
route("/sitrep", sitrepPage);
route("/ceasefires", ceasefiresPage);
route("/ceasefires/:id", ceasefirePage);
route("/audit", auditPage);
route("/sign-in", signInPage);
notFound((main) => replace(main, h("h1", {}, t("notfound.title")), h("p", {}, t("error.not_found"))));
changed(() => {
  applyToDocument();
  renderHeader();
  window.scrollTo(0, 0);
});

window.addEventListener(SESSION_ENDED, async () => {
  await restore().catch(() => undefined);
  forget();
  renderHeader();
  await render();
});

async function boot(): Promise<void> {
  applyToDocument();
  await restore().catch(() => undefined);
  forget();
  renderHeader();
  start();
  await render();
}

void boot();
