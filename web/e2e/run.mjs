// End-to-end check of the web interface in real headless Chromium, against a running
// `vigil serve` over the demo database:
//
//   node web/e2e/run.mjs URL USER PASSWORD SCREENSHOT_DIR [LIAISON [MONITOR [COORDINATOR [LIAISON_RUSSIA]]]]
//
// USER is an admin account; LIAISON, if given, a liaison account of the demo's party
// `turkey` with the same password, which signs in and acknowledges a notification; MONITOR,
// if given, a monitor account with the same password, which signs in last, files an airstrike
// at the M10 hospital (notified to the parties) and waits for the new finding on the map, then
// builds a second incident from a new report (a bad latitude refused beside its field first),
// is shown the first as a possible duplicate before saving, and adds the first's report to it;
// COORDINATOR, if given, a coordinator account with the same password, which adds a clinic
// through the site form (a bad latitude refused beside its field first), then edits it to add
// a `damaged` status and sees it on the clinic's page, is refused a stale edit, and notifies
// the clinic to `russia`, then registers a convoy (a one-point route refused beside it first) and notifies it too,
// edits the convoy (and is refused a stale edit) and sends a new version of its notification;
// LIAISON_RUSSIA, if given, a liaison account of `russia` with the same
// password, then sees that notification with its Acknowledge button. As the public: the map page loads, draws the governorates and
// lists the published incidents (no coordinates); the published situation report of the
// Aleppo governorate opens from its address, and the ceasefires are listed without their
// source. Signed in: the demo's sites and incidents are drawn on the map, the report counts
// what the JSON API counts (headlines, links, print, Arabic), a ceasefire lists its
// violations, the audit trail pages and filters by a record, a site page shows its notifications, an incident page its
// casualties and attributions, the convoy's dossier its notification's payload hash, its
// evidence and its proven records (in English and Arabic; printing hides the header and
// buttons), and a liaison is shown the API's refusal of it; a monitor files an incident at a
// notified hospital through the form (a refusal shown beside its field first) and the new
// finding appears on the map; in Arabic the page is right to left with Arabic strings and
// Arabic area names. Nothing may be loaded from another origin, and the page may log no
// error (a Content-Security-Policy violation included). Screenshots of each step go to
// SCREENSHOT_DIR. Exits non-zero, saying what failed, on the first broken expectation.
//
// The browser is Debian's chromium (/usr/bin/chromium, or VIGIL_CHROMIUM), driven by
// playwright-core from web/node_modules.

import { chromium } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [url, user, password, shots, liaison, monitor, coordinator, liaisonRussia] = process.argv.slice(2);
if (!url || !user || !password || !shots) {
  console.error("usage: node web/e2e/run.mjs URL USER PASSWORD SCREENSHOT_DIR [LIAISON [MONITOR [COORDINATOR [LIAISON_RUSSIA]]]]");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const origin = new URL(url).origin;
const base = url.replace(/\/$/, "");

const browser = await chromium.launch({
  executablePath: process.env.VIGIL_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    // WebGL without a GPU, for the map.
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
  ],
});
const problems = [];
let step = "start";
let page = null;

/** A PMTiles v3 archive of one PNG tile (a single grey pixel) at zoom 0, nothing compressed. */
function onePngArchive() {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGPYAAAAsgCxVQroKgAAAABJRU5ErkJggg==", "base64");
  const varints = (values) => Buffer.from(values.flatMap((v) => {
    const out = [];
    do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; out.push(b); } while (v);
    return out;
  }));
  // One entry: tile id 0, run length 1, its length, offset 0 (written as 0 + 1).
  const directory = varints([1, 0, 1, png.length, 1]);
  const metadata = Buffer.from("{}");
  const header = Buffer.alloc(127);
  header.write("PMTiles", 0, "ascii");
  header.writeUInt8(3, 7);
  const root = 127, meta = root + directory.length, data = meta + metadata.length;
  const u64 = (at, v) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, root); u64(16, directory.length);
  u64(24, meta); u64(32, metadata.length);
  u64(40, data); u64(48, 0);
  u64(56, data); u64(64, png.length);
  u64(72, 1); u64(80, 1); u64(88, 1);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: png
  header.writeUInt8(0, 100); header.writeUInt8(0, 101); // zooms 0 to 0
  header.writeInt32LE(-1800000000, 102); header.writeInt32LE(-850511287, 106);
  header.writeInt32LE(1800000000, 110); header.writeInt32LE(850511287, 114);
  header.writeUInt8(0, 118); header.writeInt32LE(0, 119); header.writeInt32LE(0, 123);
  return Buffer.concat([header, directory, metadata, png]);
}

function expect(condition, message) {
  if (!condition) throw new Error(`${step}: ${message}`);
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // The browser logs every 4xx answer as an error; those are the API saying no to the public
  // (findings) or to a wrong password, which the page expects. Its own errors, a CSP
  // violation among them, and any 5xx are problems.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => { if (r.status() >= 500) problems.push(`${r.status()} for ${r.url()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["blob:", "data:"].includes(u.protocol) && u.origin !== origin) problems.push(`outside request: ${r.url()}`);
  });
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const mapCount = async (layer) => Number(await page.getAttribute("#map", `data-${layer}`));
  // Every control can be told by name: a <label>, an aria-label or its own text.
  const expectNamedControls = async () => {
    const unnamed = await page.$$eval("input, select, textarea, button, a[href]", (els) =>
      els.filter((el) => {
        const labelled = el.id && document.querySelector(`label[for="${el.id}"]`);
        return !labelled && !el.getAttribute("aria-label") && !el.textContent.trim();
      }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed.length === 0, `controls without a name: ${unnamed.join(", ")}`);
  };
  const mapReady = () => page.waitForSelector('#map[data-ready="true"]', { timeout: 60_000 });

  step = "public map";
  await page.goto(url);
  await mapReady();
  expect((await page.getAttribute("html", "dir")) === "ltr", "the page is not left to right");
  const publicRows = await page.locator("#incident-list tbody tr").count();
  expect(publicRows > 0, "no published incident is listed");
  expect(await mapCount("incidents") === 0, "the public map draws incident points; published incidents have no coordinates");
  expect(await page.locator("#by-governorate tbody tr").count() > 0, "no count by governorate for the public");
  expect(await page.locator('header [data-role="public"]').count() === 1, "the header does not say this is the public view");
  await shot("1-public-map");

  step = "public incident page";
  await page.locator("#incident-list a").first().click();
  await page.waitForSelector("article[data-incident^='pub-']");
  expect(await page.locator("#casualties tbody tr").count() > 0, "the published casualties are not shown");
  expect(!/\d+\.\d{3,}, *\d+\.\d{3,}/.test(await page.locator("article").innerText()), "the public sees coordinates");
  await shot("1b-public-incident");

  step = "public situation report";
  // An address with the area and period reproduces the report: here the published aggregate
  // of the Aleppo governorate, as the API gives it to the public.
  const period = "from=2016-09-19&to=2016-10-03";
  const publicSitrep = await page.evaluate(async (q) => (await fetch(`/api/sitrep?area=SY02&${q}`)).json(), period);
  expect(publicSitrep.published === true, "the public is not given the published aggregate");
  await page.goto(`${base}/sitrep?area=SY02&${period}`);
  await page.waitForSelector("#sitrep-report");
  expect(await page.isVisible("#sitrep-published"), "the public report does not say it is the published aggregate");
  expect(await page.getAttribute("#sitrep-report", "data-total") === String(publicSitrep.incidents.total), "the public report miscounts");
  expect(await page.inputValue("#sitrep-area") === "SY02", "the address's area is not chosen in the form");
  await shot("1c-public-sitrep");

  step = "public ceasefires";
  await page.click('header a[href="/ceasefires"]');
  await page.waitForSelector("#ceasefire-list");
  expect((await page.locator("#ceasefire-list").innerText()).includes("Geneva"), "the Geneva cessation of hostilities is not listed");
  await page.locator("#ceasefire-list a", { hasText: "Geneva" }).click();
  await page.waitForSelector('article[data-ceasefire="cf-coh-20160912"]');
  const publicCeasefire = await page.locator("article.ceasefire").innerText();
  expect(!publicCeasefire.includes("src-"), "the public is shown the ceasefire's source");
  expect(await page.locator("#violations-count").count() === 0, "the public is shown findings");

  step = "sign in";
  await page.click("#sign-in-link");
  await page.fill("#user", user);
  await page.fill("#password", "certainly not the password");
  await page.click("form.sign-in button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#sign-in-problem")?.textContent !== "");
  await page.fill("#password", password);
  await page.click("form.sign-in button[type=submit]");
  await page.waitForSelector('header [data-role="admin"]');
  const stored = await page.evaluate(() => sessionStorage.getItem("vigil.token"));
  expect(stored?.startsWith("vigil_"), "the session token is not kept in sessionStorage");

  step = "staff map";
  await mapReady();
  await page.waitForFunction(() => Number(document.querySelector("#map")?.getAttribute("data-incidents")) > 0);
  const sites = await mapCount("sites");
  const incidents = await mapCount("incidents");
  const findings = await mapCount("findings");
  expect(sites >= 5, `only ${sites} sites drawn`);
  expect(incidents > publicRows - 1 && incidents >= 10, `only ${incidents} incidents drawn`);
  expect(findings > 0, "no findings drawn");
  expect(await page.locator("#site-list tbody tr").count() === sites, "the site list and the map disagree");
  await shot("2-staff-map");
  await expectNamedControls();

  step = "filters";
  await page.fill("#f-to", "2016-09-20");
  await page.dispatchEvent("#f-to", "change");
  const early = await mapCount("incidents");
  expect(early > 0 && early < incidents, `the period filter kept ${early} of ${incidents} incidents`);
  await page.fill("#f-to", "2016-10-31");
  await page.dispatchEvent("#f-to", "change");
  // Al-Sakhour, the neighbourhood of the M10 hospital.
  await page.selectOption("#f-area", "N0139");
  const inSakhour = await mapCount("incidents");
  expect(inSakhour > 0 && inSakhour < incidents, `the area filter kept ${inSakhour} of ${incidents} incidents`);
  expect(await mapCount("sites") === 1, "the area filter did not keep the one site in Al-Sakhour");
  await shot("3-filtered-map");

  step = "situation report";
  // The Aleppo governorate over the fortnight from the convoy's strike, as staff: the
  // headline counts what the JSON API counts.
  const sitrep = await page.evaluate(async () => (await fetch("/api/sitrep?area=SY02&from=2016-09-19&to=2016-10-03", {
    headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
  })).json());
  expect(sitrep.published === false && sitrep.incidents.total >= 10, `the API's report: ${JSON.stringify(sitrep).slice(0, 200)}`);
  await page.click('header a[href="/sitrep"]');
  await page.waitForSelector("#sitrep-prompt");
  await expectNamedControls();
  await page.selectOption("#sitrep-area", "SY02");
  await page.fill("#sitrep-from", "2016-09-19");
  await page.fill("#sitrep-to", "2016-10-03");
  await page.click("#sitrep-show");
  await page.waitForSelector("#sitrep-report");
  const headlines = await page.locator("#sitrep-headlines li").allInnerTexts();
  expect(headlines[0].startsWith(`${sitrep.incidents.total} incidents`), `the first headline is ${headlines[0]}`);
  expect(headlines.some((l) => l.startsWith("Notified sites and movements hit")), "no headline on notified sites hit");
  const violated = sitrep.ceasefire_violations.subjects;
  expect(headlines.some((l) => l.startsWith(`Ceasefires violated: ${violated} ceasefire${violated === 1 ? "" : "s"},`)), "no headline on ceasefire violations");
  for (const c of sitrep.casualties.filter((c) => c.sources.length > 1 && c.headline.low !== c.headline.high)) {
    expect(headlines.some((l) => l.includes(`at least ${c.headline.low}, up to ${c.headline.high}`)), `no "at least … up to" line for ${c.group} ${c.outcome}`);
  }
  expect(await page.locator("#sitrep-by-kind a[href^='/incidents/']").count() === sitrep.incidents.total, "the incidents behind the counts are not all linked");
  expect(new URL(page.url()).search.includes("area=SY02"), "the address does not keep the report's area");
  await shot("3b-sitrep");
  await page.emulateMedia({ media: "print" });
  expect(!(await page.isVisible("#sitrep-form")) && !(await page.isVisible("#sitrep-print")), "the form or the print button would be printed");
  expect(await page.isVisible("#sitrep-headlines"), "the headlines would not be printed");
  await page.emulateMedia({ media: "screen" });
  await page.selectOption("#lang", "ar");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  await page.waitForSelector("#sitrep-report");
  expect(/[\u0600-\u06FF]/.test(await page.locator("#sitrep-headlines").innerText()), "the report's headlines are not in Arabic");
  await expectNamedControls();
  await shot("3c-sitrep-arabic");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.dir === "ltr");

  step = "ceasefires";
  // The cessation of hostilities of September 2016: its source for the admin, and the
  // incidents the stored findings place inside its area and period, linked.
  const violations = await page.evaluate(async () => (await (await fetch("/api/findings?kind=ceasefire_violation&limit=1000", {
    headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
  })).json()).items.filter((f) => f.subject.type === "ceasefire" && f.subject.id === "cf-coh-20160912"));
  expect(violations.length > 0, "the API has no violation of the cessation of hostilities");
  await page.click('header a[href="/ceasefires"]');
  await page.waitForSelector("#ceasefire-list");
  await page.locator("#ceasefire-list a", { hasText: "Geneva" }).click();
  await page.waitForSelector('article[data-ceasefire="cf-coh-20160912"]');
  const ceasefireText = await page.locator("article.ceasefire").innerText();
  expect(ceasefireText.includes("src-syriatimes-truce-20160912"), "the admin is not shown the ceasefire's source");
  expect(ceasefireText.includes("19 Sept 2016"), "the collapse is not shown");
  for (const f of violations) {
    expect(await page.locator(`article.ceasefire table.findings a[href="/incidents/${f.incident}"]`).count() > 0, `the violation by ${f.incident} is not linked`);
  }
  await expectNamedControls();
  await shot("3d-ceasefire");
  await page.goto(`${base}/ceasefires/cf-coh-20160912?lang=ar`);
  await page.waitForSelector('article[data-ceasefire="cf-coh-20160912"]');
  expect(await page.getAttribute("html", "dir") === "rtl", "the ceasefire page is not right to left in Arabic");
  expect(/[\u0600-\u06FF]/.test(await page.locator("article.ceasefire dl").innerText()), "the ceasefire's facts are not labelled in Arabic");
  await shot("3e-ceasefire-arabic");
  await page.goto(`${base}/ceasefires?lang=en`);
  await page.waitForSelector("#ceasefire-list");

  step = "audit trail";
  // The admin's audit trail: the oldest entries first, filtered by one record (the M10
  // hospital) as the JSON API filters it, each entry's record before and after on demand,
  // and the next page.
  const m10History = await page.evaluate(async () => (await (await fetch("/api/audit?record=site/site-m10&limit=1000", {
    headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
  })).json()).items.map((e) => e.seq));
  expect(m10History.length > 0, "the API has no history of the M10 hospital");
  await page.click('header a[href="/audit"]');
  await page.waitForSelector("#audit-list");
  expect(await page.getAttribute("#audit-list tbody tr:first-child", "data-seq") === "1", "the audit trail does not start with its first entry");
  await expectNamedControls();
  await shot("3f-audit");
  // The demo writes more entries than a page holds.
  expect(await page.locator("#audit-newer").count() === 1, "no way to the newer entries");
  const last = Number(await page.getAttribute("#audit-list tbody tr:last-child", "data-seq"));
  await page.click("#audit-newer");
  await page.waitForSelector(`#audit-list tbody tr:first-child[data-seq="${last + 1}"]`);
  expect(new URL(page.url()).searchParams.get("after") === String(last), "the address does not keep the page");
  await page.click("#audit-oldest");
  await page.waitForSelector('#audit-list tbody tr:first-child[data-seq="1"]');
  await page.fill("#audit-record", "site/site-m10");
  await page.click("#audit-filter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("record") === "site/site-m10" && document.querySelector("#audit-list"));
  const seqs = await page.locator("#audit-list tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.dataset.seq)));
  expect(JSON.stringify(seqs) === JSON.stringify(m10History.slice(0, 50)), `the filtered entries ${seqs} are not the API's ${m10History}`);
  const records = await page.locator("#audit-list a.record").allInnerTexts();
  expect(records.every((r) => r === "site/site-m10"), `the filter kept other records: ${records.join(", ")}`);
  await page.locator("#audit-list details summary").first().click();
  const change = page.locator("#audit-list details pre").last();
  expect(await change.isVisible() && (await change.innerText()).includes("site-m10"), "the entry's record after the write is not shown");
  await shot("3g-audit-filtered");
  await page.selectOption("#lang", "ar");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  await page.waitForSelector("#audit-list");
  const auditHeads = await page.locator("#audit-list th").allInnerTexts();
  expect(auditHeads.every((x) => /[\u0600-\u06FF]/.test(x)), `the audit trail's headings are not in Arabic: ${auditHeads.join(" | ")}`);
  expect(await page.locator("#audit-list tbody tr").count() === seqs.length, "the filter is lost in Arabic");
  await shot("3h-audit-arabic");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.dir === "ltr");

  step = "site page";
  await page.goto(`${base}/sites/site-m10`);
  await page.waitForSelector("article[data-site=site-m10]");
  expect(await page.locator("article .notification").count() > 0, "the hospital's notifications are not shown");
  expect(await page.locator("article table.findings tbody tr").count() > 0, "no findings about the hospital");
  await shot("4-site");

  step = "incident page";
  const incidentLink = page.locator("table.findings a[href^='/incidents/']").first();
  await incidentLink.click();
  await page.waitForSelector("article[data-incident]");
  expect(await page.locator("#casualties tbody tr").count() > 0, "no casualties shown");
  expect(/\d+–\d+/.test(await page.locator("#casualties").innerText()), "casualties are not shown as ranges");
  await shot("5-incident");

  step = "dossier";
  // The convoy struck at Urum al-Kubra: a notified movement, acknowledgements, statements,
  // and the evidence file web_e2e.rs adds. What the page must show is read from the JSON API
  // with the same session.
  const convoy = "inc-convoy-urum-20160919";
  const dossier = await page.evaluate(async (id) => {
    const r = await fetch(`/api/incidents/${id}/dossier`, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
    });
    return r.ok ? r.json() : { status: r.status };
  }, convoy);
  expect(dossier.format === "vigil-dossier/1", `the dossier API answered ${JSON.stringify(dossier).slice(0, 200)}`);
  const payloads = dossier.targets.flatMap((x) => x.notifications.map((n) => n.payload_sha256));
  const evidence = dossier.evidence.map((e) => e.sha256);
  const proven = dossier.integrity.records.filter((r) => r.status === "proven").length;
  expect(payloads.length > 0 && payloads.every((p) => /^[0-9a-f]{64}$/.test(p)), "the convoy's dossier has no notification hash");
  expect(proven > 0, "the dossier API proves no record");
  await page.goto(`${base}/incidents/${convoy}`);
  await page.waitForSelector(`article[data-incident="${convoy}"]`);
  // The incident page lists the evidence with its hash, for staff.
  const incidentText = await page.locator("article").innerText();
  expect(evidence.length > 0 && evidence.every((e) => incidentText.includes(e)), "the incident page does not list the evidence hashes");
  await page.click("#dossier-link");
  await page.waitForSelector(`article[data-dossier="${convoy}"]`);
  const shown = await page.locator("code.payload").allInnerTexts();
  for (const p of payloads) expect(shown.includes(p), `the payload hash ${p} is not shown`);
  expect(await page.getAttribute("code.payload", "dir") === "ltr", "a payload hash is not left to right");
  expect(await page.locator('.records li[data-status="proven"]').count() === proven, "the proven records are not all listed");
  expect(await page.getAttribute("#integrity-summary", "data-proven") === String(proven), "the integrity summary miscounts");
  expect((await page.locator("#checkpoint").innerText()).includes(String(dossier.integrity.tree_size)), "no checkpoint shown");
  expect(await page.locator("#dossier-casualties tbody tr").count() === dossier.incident.casualties.length, "casualty figures are missing");
  const dossierText = await page.locator("article.dossier").innerText();
  expect(evidence.every((e) => dossierText.includes(e)), "the evidence hashes are not in the dossier");
  expect(/proven, leaf \d+/.test(dossierText), "no record says it is proven");
  await shot("8-dossier");
  // Printed: the page's content only.
  await page.emulateMedia({ media: "print" });
  expect(!(await page.isVisible("header#header")) && !(await page.isVisible("#print")), "the header or the print button would be printed");
  await page.emulateMedia({ media: "screen" });
  expect(await page.isVisible("#print"), "no print button");

  step = "dossier in arabic";
  await page.selectOption("#lang", "ar");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  await page.waitForSelector(`article[data-dossier="${convoy}"]`);
  const headings = await page.locator("article.dossier h2").allInnerTexts();
  expect(headings.length >= 8 && headings.every((x) => /[\u0600-\u06FF]/.test(x)), `headings not in Arabic: ${headings.join(" | ")}`);
  expect(await page.getAttribute("code.payload", "dir") === "ltr", "a payload hash is not left to right in Arabic");
  expect((await page.locator("code.payload").allInnerTexts()).includes(payloads[0]), "the payload hash is not shown in Arabic");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the dossier is wider than the window");
  await expectNamedControls();
  await shot("8b-dossier-arabic");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.dir === "ltr");

  step = "arabic";
  await page.selectOption("#lang", "ar");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  expect((await page.getAttribute("html", "lang")) === "ar", "<html lang> is not ar");
  expect((await page.locator("header nav").innerText()).includes("الخريطة"), "the navigation is not in Arabic");
  await page.goto(`${base}/?lang=ar`);
  await mapReady();
  expect((await page.getAttribute("html", "dir")) === "rtl", "?lang=ar is not right to left");
  const areasShown = await page.locator("#incident-list tbody").innerText();
  expect(/[\u0600-\u06FF]/.test(areasShown), "no Arabic area name in the incident list");
  await shot("6-arabic-map");
  // The keyboard's first stop is the skip link, in Arabic; it leads to the page's content.
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => [document.activeElement?.className, document.activeElement?.textContent]);
  expect(first[0] === "skip" && /[\u0600-\u06FF]/.test(first[1] ?? ""), `the first Tab stop is ${first}`);

  step = "sign out";
  await page.click("#sign-out");
  await page.waitForSelector('header [data-role="public"]');
  expect(await page.evaluate(() => sessionStorage.getItem("vigil.token")) === null, "the token outlived signing out");

  if (liaison) {
    step = "liaison acknowledges";
    await page.goto(`${base}/sign-in`);
    await page.fill("#user", liaison);
    await page.fill("#password", password);
    await page.click("form.sign-in button[type=submit]");
    await page.waitForSelector('header [data-role="liaison"]');
    expect(await page.locator('header a[href="/findings"]').count() === 0, "a liaison is offered the findings");
    expect(await page.locator('header a[href="/audit"]').count() === 0, "a liaison is offered the audit trail");
    await page.click('header a[href="/notifications"]');
    await page.waitForSelector("article.notification");
    const notices = await page.locator("article.notification").count();
    expect(notices === 2, `the liaison of turkey sees ${notices} notifications, not the 2 sent to turkey`);
    const button = page.locator("button.acknowledge").first();
    const id = await button.getAttribute("data-notification");
    await button.click();
    const card = page.locator(`article.notification[data-notification="${id}"][data-acknowledged="true"]`);
    await card.waitFor();
    expect((await card.innerText()).includes("turkey"), "the acknowledgement by turkey is not listed");
    expect(await card.locator("button.acknowledge").count() === 0, "the button stays after acknowledging");
    await shot("7-liaison-acknowledged");

    step = "liaison refused the dossier";
    await page.goto(`${base}/incidents/inc-convoy-urum-20160919/dossier`);
    const refusal = page.locator('main p.error[role="alert"]');
    await refusal.waitFor();
    expect((await refusal.innerText()).includes("liaison"), "the API's refusal is not shown to the liaison");
    expect(await page.locator("article.dossier").count() === 0, "a liaison is shown a dossier");

    step = "liaison refused the audit trail";
    await page.goto(`${base}/audit`);
    await page.locator('main p.error[role="alert"]').waitFor();
    expect((await page.locator('main p.error[role="alert"]').innerText()).includes("admins"), "the API's refusal of the audit trail is not shown");
    expect(await page.locator("#audit-list").count() === 0, "a liaison is shown the audit trail");
  }

  if (monitor) {
    step = "monitor files an incident";
    await page.goto(`${base}/sign-in`);
    await page.fill("#user", monitor);
    await page.fill("#password", password);
    await page.click("form.sign-in button[type=submit]");
    await page.waitForSelector('header [data-role="monitor"]');
    await mapReady();
    await page.waitForFunction(() => Number(document.querySelector("#map")?.getAttribute("data-incidents")) > 0);
    const findingsBefore = await mapCount("findings");
    // The hospital's coordinates as the API gives them to this monitor.
    const m10 = await page.evaluate(async () => (await fetch("/api/sites/site-m10", {
      headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
    })).json());
    const [lon, lat] = m10.location.point;
    await page.click('header a[href="/incidents/new"]');
    await page.waitForSelector("form.incident-form");
    await expectNamedControls();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the form is wider than the window");
    const filed = "inc-e2e-m10-20161005";
    await page.fill("#i-id", filed);
    await page.selectOption("#i-kind", "airstrike");
    await page.fill("#i-start", "2016-10-05T03:40");
    await page.fill("#i-radius", "100");
    await page.selectOption("#i-certainty", "probable");
    await page.fill("#i-title", "Airstrike at the M10 hospital (browser test)");
    await page.selectOption("#i-target", "site-m10");
    await page.fill("#i-description", "Filed by the browser test.");
    await page.selectOption("#i-source", { index: 1 });
    await page.fill("#i-account", "A stand-in account of a strike on the hospital.");
    // Without coordinates, a point known to within 100 m is refused (422): the server's
    // words appear beside the place's fields, which say so to assistive technology.
    await page.click("#file-incident");
    await page.waitForFunction(() => (document.querySelector("#err-point")?.textContent ?? "") !== "");
    expect(await page.getAttribute("#i-lat", "aria-invalid") === "true", "the refused field is not marked invalid");
    expect((await page.getAttribute("#i-lat", "aria-describedby")).split(" ").includes("err-point"), "the problem is not tied to its field");
    expect(await page.locator(`article[data-incident="${filed}"]`).count() === 0, "a refused incident was filed");
    await shot("9-incident-form-refused");
    await page.fill("#i-lon", String(lon));
    await page.fill("#i-lat", String(lat));
    await page.click("#file-incident");
    await page.waitForSelector(`article[data-incident="${filed}"]`, { timeout: 15_000 });
    await shot("9b-incident-filed");

    step = "the new finding on the map";
    // The server refreshes findings in the background after a write: poll the map.
    let findingsAfter = findingsBefore;
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      await page.goto(base);
      await mapReady();
      await page.waitForFunction(() => Number(document.querySelector("#map")?.getAttribute("data-incidents")) > 0);
      findingsAfter = await mapCount("findings");
      if (findingsAfter > findingsBefore) break;
      await page.waitForTimeout(2_000);
    }
    expect(findingsAfter > findingsBefore, `the map still draws ${findingsAfter} findings, as before the incident was filed`);
    await shot("10-new-finding-on-map");
    await page.click('header a[href="/findings"]');
    await page.waitForSelector("#findings-count");
    expect(await page.locator('table.findings a[href="/ceasefires/cf-coh-20160912"]').count() > 0, "the findings page does not link the violated ceasefire");
    expect(await page.locator(`table.findings a[href="/incidents/${filed}"]`).count() > 0, "the findings page does not list the new incident");

    step = "monitor builds an incident from reports";
    expect(await page.locator('header a[href="/incidents/build"]').count() === 1, "a monitor is not offered to build an incident");
    // In Arabic: the server's refusal is shown in Arabic too.
    await page.goto(`${base}/incidents/build?lang=ar`);
    await page.waitForSelector("#build-title");
    await page.waitForSelector("#save-built");
    await expectNamedControls();
    const built = "inc-e2e-built-m10";
    expect(await page.isChecked("#b-mode-new"), "a new incident is not the form's first choice");
    await page.fill("#b-id", built);
    await page.selectOption("#b-kind", "airstrike");
    await page.fill("#b-start", "2016-10-05T04:10");
    await page.fill("#b-radius", "100");
    await page.fill("#b-lon", String(lon));
    // Not a latitude: the server's words appear beside the place's fields before anything is saved.
    await page.fill("#b-lat", "95");
    await page.fill("#b-title", "The M10 strike as a second source tells it (browser test)");
    // A new report from another source than the filed incident's.
    await page.selectOption("#b-new_source", { index: 2 });
    await page.fill("#b-new_account", "A second source's account of the strike on the hospital.");
    await page.click("#check-duplicates");
    await page.waitForFunction(() => (document.querySelector("#err-point")?.textContent ?? "") !== "");
    expect(await page.getAttribute("#b-lat", "aria-invalid") === "true", "the refused latitude is not marked invalid");
    const refusal = await page.innerText("#err-point");
    expect(/[\u0600-\u06FF]/.test(refusal) && refusal.includes("95"), `the refusal is not in Arabic with the server's words: ${refusal}`);
    await shot("16-build-refused");
    await page.fill("#b-lat", String(lat));
    // Saving first shows the possible duplicates: the incident filed above, linked.
    await page.click("#save-built");
    const candidate = page.locator(`#duplicates li[data-candidate="${filed}"] a[href="/incidents/${filed}"]`);
    await candidate.waitFor({ timeout: 15_000 });
    expect(await page.locator(`article[data-incident="${built}"]`).count() === 0, "the incident was saved before its duplicates were shown");
    expect((await page.innerText("#err-point")).trim() === "", "the fixed latitude is still marked refused");
    await shot("17-build-duplicates");
    // A second press saves it, with the report filed here.
    await page.click("#save-built");
    await page.waitForSelector(`article[data-incident="${built}"]`, { timeout: 15_000 });
    const api = (path) => page.evaluate(async (p) => (await fetch(p, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
    })).json(), path);
    const builtReports = (await api(`/api/incidents/${built}`)).reports;
    expect(builtReports.length === 1 && builtReports[0].startsWith(`${built}-report-`), `the built incident's reports are ${builtReports}`);

    step = "monitor adds a report to the built incident";
    await page.click("#add-reports");
    await page.waitForSelector("#save-built");
    expect(await page.isChecked("#b-mode-merge"), "adding reports does not start with the incident chosen");
    expect(await page.inputValue("#b-into") === built, "the incident to add to is not chosen");
    expect(!(await page.isVisible("#b-id")), "the new incident's fields are shown while adding reports to a stored one");
    await page.check(`#b-report-${filed}-report`);
    await page.click("#check-duplicates");
    await page.waitForSelector("#duplicates h2");
    await shot("18-merge-checked");
    await page.click("#save-built");
    await page.waitForSelector(`article[data-incident="${built}"]`, { timeout: 15_000 });
    const merged = (await api(`/api/incidents/${built}`)).reports;
    expect(merged.length === 2 && merged.includes(builtReports[0]) && merged.includes(`${filed}-report`),
      `the merged incident's reports are ${merged}`);
    await shot("19-merged");
  }

  if (coordinator) {
    step = "coordinator adds a site";
    await page.goto(`${base}/sign-in`);
    await page.fill("#user", coordinator);
    await page.fill("#password", password);
    await page.click("form.sign-in button[type=submit]");
    await page.waitForSelector('header [data-role="coordinator"]');
    await page.click('header a[href="/sites/new"]');
    await page.waitForSelector("form.site-form");
    await expectNamedControls();
    const clinic = "site-e2e-clinic";
    await page.fill("#s-id", clinic);
    await page.selectOption("#s-kind", "clinic");
    await page.fill("#s-name", "Browser test clinic");
    await page.fill("#s-operator", "A stand-in operator");
    await page.fill("#s-lon", "37.15");
    // Not a latitude: the server's words appear beside the place's fields.
    await page.fill("#s-lat", "95");
    await page.fill("#s-radius", "50");
    await page.click("#save-site");
    await page.waitForFunction(() => (document.querySelector("#err-point")?.textContent ?? "") !== "");
    expect(await page.getAttribute("#s-lat", "aria-invalid") === "true", "the refused latitude is not marked invalid");
    expect((await page.getAttribute("#s-lat", "aria-describedby")).split(" ").includes("err-point"), "the problem is not tied to the latitude");
    expect(await page.evaluate(() => document.activeElement?.id) === "s-lon" || await page.evaluate(() => document.activeElement?.id) === "s-lat",
      "focus is not on the refused place");
    await shot("11-site-form-refused");
    await page.fill("#s-lat", "36.2");
    await page.click("#save-site");
    await page.waitForSelector(`article[data-site="${clinic}"]`, { timeout: 15_000 });
    expect((await page.locator("main h1").innerText()).includes("Browser test clinic"), "the new clinic's page does not show its name");

    step = "coordinator edits the site";
    await page.click("#edit-site");
    await page.waitForSelector("form.site-form");
    expect(await page.inputValue("#s-name") === "Browser test clinic", "the edit form does not hold the site's name");
    await page.fill("#s-as_of", "2016-10-06");
    await page.selectOption("#s-status", "damaged");
    await page.fill("#s-note", "Hit by the browser test");
    await page.click("#save-site");
    await page.waitForSelector(`article[data-site="${clinic}"]`, { timeout: 15_000 });
    // The page is in the language chosen earlier (Arabic); a coordinator is not shown the note.
    const history = await page.locator(`article[data-site="${clinic}"]`).innerText();
    expect(["Damaged", "متضرر"].some((w) => history.includes(w)), "the clinic's page does not show its new status");
    await shot("12-site-edited");

    step = "a stale edit is refused";
    await page.click("#edit-site");
    await page.waitForSelector("form.site-form");
    // Someone else changes the site after this form was read.
    await page.evaluate(async (id) => {
      const auth = { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` };
      const read = await fetch(`/api/sites/${id}`, { headers: auth });
      const site = await read.json();
      const body = { kind: site.kind, name: "Browser test clinic (renamed)", operator: site.operator,
        location: site.location, sensitivity: site.sensitivity };
      const put = await fetch(`/api/sites/${id}`, { method: "PUT", body: JSON.stringify(body),
        headers: { ...auth, "Content-Type": "application/json", "If-Match": read.headers.get("ETag") } });
      if (!put.ok) throw new Error(`the other change was refused: ${put.status}`);
    }, clinic);
    await page.fill("#s-operator", "Another operator");
    await page.click("#save-site");
    await page.waitForSelector("#reload-site");
    expect((await page.innerText("#err-general")).trim() !== "", "the edit conflict is not said beside the form");
    expect(await page.locator(`article[data-site="${clinic}"]`).count() === 0, "a stale edit was saved");

    step = "coordinator notifies the site";
    await page.goto(`${base}/sites/${clinic}`);
    await page.click("#notify-site");
    await page.waitForSelector("form.notify-form");
    await expectNamedControls();
    const notice = "ntf-e2e-clinic";
    await page.fill("#n-id", notice);
    expect(await page.locator("#n-party-russia").count() === 1, "russia is not offered among the parties");
    await page.check("#n-party-russia");
    await page.fill("#n-sent_at", "2016-10-06T09:00");
    await page.fill("#n-from", "2016-10-06");
    await page.fill("#n-channel", "email");
    // The hash is computed in the browser from the payload pasted.
    await page.fill("#n-payload", "abc");
    await page.waitForFunction(() => (document.querySelector("#n-payload_sha256")?.value ?? "") !== "");
    expect(await page.inputValue("#n-payload_sha256") === "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "the payload's SHA-256 is not the one computed");
    await page.click("#send-notification");
    await page.waitForSelector(`article[data-site="${clinic}"] article.notification[data-notification="${notice}"]`, { timeout: 15_000 });
    await shot("13-site-notified");

    step = "coordinator registers a movement";
    await page.click('header a[href="/movements/new"]');
    await page.waitForSelector("form.movement-form");
    await expectNamedControls();
    const convoy = "mov-e2e-convoy";
    await page.fill("#m-id", convoy);
    await page.selectOption("#m-kind", "convoy");
    await page.fill("#m-name", "Browser test convoy");
    // One point is no route: the server's words appear beside the route.
    await page.fill("#m-route", "37.10, 36.20");
    await page.fill("#m-corridor", "400");
    await page.fill("#m-start", "2016-10-07T06:00");
    await page.fill("#m-end", "2016-10-07T18:00");
    await page.click("#save-movement");
    await page.waitForFunction(() => (document.querySelector("#err-route")?.textContent ?? "") !== "");
    expect(await page.getAttribute("#m-route", "aria-invalid") === "true", "the refused route is not marked invalid");
    await shot("15-movement-form-refused");
    await page.fill("#m-route", "37.10, 36.20\n37.15, 36.21\n37.16, 36.20");
    await page.click("#save-movement");
    await page.waitForSelector(`article[data-movement="${convoy}"]`, { timeout: 15_000 });
    expect(await page.locator(`article[data-movement="${convoy}"] tbody tr`).count() === 3, "the movement's page does not list its 3 route points");
    await page.click("#notify-movement");
    await page.waitForSelector("form.notify-form");
    const convoyNotice = "ntf-e2e-convoy";
    await page.fill("#n-id", convoyNotice);
    await page.check("#n-party-russia");
    await page.fill("#n-sent_at", "2016-10-06T10:00");
    await page.fill("#n-from", "2016-10-07");
    await page.fill("#n-to", "2016-10-07");
    await page.fill("#n-payload_sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    await page.click("#send-notification");
    await page.waitForSelector(`article[data-movement="${convoy}"] article.notification[data-notification="${convoyNotice}"]`, { timeout: 15_000 });

    step = "coordinator edits the movement";
    await page.click("#edit-movement");
    await page.waitForSelector("form.movement-form");
    expect(await page.inputValue("#m-name") === "Browser test convoy", "the edit form does not hold the movement's name");
    expect((await page.inputValue("#m-route")).split("\n").length === 3, "the edit form does not hold the route");
    expect(await page.inputValue("#m-start") === "2016-10-07T06:00", "the edit form does not hold the window");
    await page.fill("#m-name", "Browser test convoy (rerouted)");
    await page.fill("#m-route", "37.10, 36.20\n37.12, 36.22\n37.15, 36.21\n37.16, 36.20");
    await page.click("#save-movement");
    await page.waitForSelector(`article[data-movement="${convoy}"]`, { timeout: 15_000 });
    expect((await page.locator("main h1").innerText()).includes("rerouted"), "the movement's page does not show its new name");
    expect(await page.locator(`article[data-movement="${convoy}"] section tbody tr`).count() >= 4, "the movement's page does not list its new route");
    await shot("20-movement-edited");

    step = "a stale movement edit is refused";
    await page.click("#edit-movement");
    await page.waitForSelector("form.movement-form");
    await page.evaluate(async (id) => {
      const auth = { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` };
      const read = await fetch(`/api/movements/${id}`, { headers: auth });
      const m = await read.json();
      const body = { kind: m.kind, name: "Browser test convoy (changed elsewhere)", operator: m.operator, route: m.route,
        corridor_width_m: m.corridor_width_m, window: m.window, sensitivity: m.sensitivity };
      const put = await fetch(`/api/movements/${id}`, { method: "PUT", body: JSON.stringify(body),
        headers: { ...auth, "Content-Type": "application/json", "If-Match": read.headers.get("ETag") } });
      if (!put.ok) throw new Error(`the other change was refused: ${put.status}`);
    }, convoy);
    await page.fill("#m-corridor", "900");
    await page.click("#save-movement");
    await page.waitForSelector("#reload-movement");
    expect((await page.innerText("#err-general")).trim() !== "", "the edit conflict is not said beside the form");

    step = "coordinator sends a new version of the notification";
    await page.goto(`${base}/notifications`);
    await page.click(`a.new-version[data-notification="${convoyNotice}"]`);
    await page.waitForSelector("form.notify-form");
    await expectNamedControls();
    expect(await page.inputValue("#n-id") === convoyNotice, "the form does not hold the notification's id");
    expect(await page.isChecked("#n-party-russia"), "the parties it was sent to are not checked");
    expect(await page.inputValue("#n-to") === "2016-10-07", "the form does not hold the latest version's days");
    await page.fill("#n-to", "2016-10-08");
    await page.fill("#n-channel", "fax");
    await page.click("#send-notification");
    await page.waitForSelector(`article[data-movement="${convoy}"] article.notification[data-notification="${convoyNotice}"]`, { timeout: 15_000 });
    const versions = await page.evaluate(async (id) => (await (await fetch(`/api/notifications/${id}`, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem("vigil.token")}` },
    })).json()).versions, convoyNotice);
    expect(versions.length === 2 && versions[1].valid.to === "2016-10-08" && versions[1].channel === "fax" && versions[0].channel === null,
      `the notification's versions are ${JSON.stringify(versions)}`);
    await shot("21-notification-new-version");

    if (liaisonRussia) {
      step = "liaison of russia sees the notification";
      await page.click("#sign-out");
      await page.waitForSelector('header [data-role="public"]');
      await page.goto(`${base}/sign-in`);
      await page.fill("#user", liaisonRussia);
      await page.fill("#password", password);
      await page.click("form.sign-in button[type=submit]");
      await page.waitForSelector('header [data-role="liaison"]');
      await page.click('header a[href="/notifications"]');
      const card = page.locator(`article.notification[data-notification="${notice}"]`);
      await card.waitFor();
      expect(await card.locator("button.acknowledge").count() === 1, "the liaison of russia is not offered to acknowledge the new notification");
      expect(await page.locator('article.notification[data-notification="ntf-e2e-convoy"] a[href="/movements/mov-e2e-convoy"]').count() === 1,
        "the convoy's notification does not link the movement's page");
      await shot("14-liaison-russia-notified");
    }
  }

  step = "the base map setting";
  await page.goto(base);
  await mapReady();
  // Off by default: the boundaries only.
  expect(await page.evaluate(() => localStorage.getItem("vigil.basemap")) === null, "a base map is set by default");
  await page.click("details.basemap summary");
  expect(await page.isChecked("#basemap-none"), "the boundaries only are not the default base map");
  await page.check("#basemap-tiles");
  await page.fill("#basemap-url", "https://tiles.example.org/tiles.png");
  await page.click("#basemap-save");
  await page.waitForFunction(() => (document.querySelector("#basemap-problem")?.textContent ?? "") !== "");
  expect(await page.getAttribute("#basemap-url", "aria-invalid") !== null, "the refused template is not marked invalid");
  expect(await page.evaluate(() => localStorage.getItem("vigil.basemap")) === null, "a refused template was kept");
  // A PMTiles file this server does not have: kept, tried, and said to have failed.
  await page.check("#basemap-pmtiles");
  await page.fill("#basemap-url", "/tiles/missing.pmtiles");
  await page.click("#basemap-save");
  await page.waitForFunction(() => (document.querySelector("#basemap-status")?.textContent ?? "") !== "", null, { timeout: 15_000 });
  expect(JSON.parse(await page.evaluate(() => localStorage.getItem("vigil.basemap"))).url === "/tiles/missing.pmtiles", "the base map is not kept");
  await shot("22-basemap-setting");
  if (process.env.VIGIL_E2E_TILES_DIR) {
    // A real archive in the server's tiles folder: one raster tile, drawn under the boundaries.
    writeFileSync(join(process.env.VIGIL_E2E_TILES_DIR, "e2e.pmtiles"), onePngArchive());
    await page.click("details.basemap summary").catch(() => {});
    if (!(await page.isVisible("#basemap-url"))) await page.click("details.basemap summary");
    await page.check("#basemap-pmtiles");
    await page.fill("#basemap-url", "/tiles/e2e.pmtiles");
    await page.click("#basemap-save");
    await page.waitForSelector('#map[data-basemap="loaded"]', { timeout: 30_000 });
    expect((await page.innerText("#basemap-status")).trim() === "", "the archive is said to have failed");
    await shot("23-basemap-pmtiles");
    if (!(await page.isVisible("#basemap-none"))) await page.click("details.basemap summary");
  }
  await page.check("#basemap-none");
  await page.click("#basemap-save");
  await mapReady();
  expect(await page.evaluate(() => localStorage.getItem("vigil.basemap")) === null, "the base map was not turned off");

  step = "clean console";
  expect(problems.length === 0, `\n  ${problems.join("\n  ")}`);
  console.log(`web e2e: ok (public ${publicRows} incidents listed; staff map ${sites} sites, ${incidents} incidents, ${findings} findings)`);
} catch (e) {
  console.error(`web e2e failed: ${e.message}`);
  if (page) {
    console.error(`at ${page.url()}; the page is saved as failed.png`);
    await page.screenshot({ path: join(shots, "failed.png"), fullPage: true }).catch(() => {});
  }
  if (problems.length) console.error(`also seen:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
