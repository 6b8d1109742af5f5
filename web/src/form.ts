// What every form shares: the server's refusal turned into problems by field, and those
// problems shown beside their fields (`aria-describedby`, `aria-invalid`), focus on the first.

import { ApiError } from "./api";
import { h } from "./dom";
import { errorText, inLanguage } from "./errors";

/** A problem the server found, by field (`null`: not tied to one the form has). */
export interface Problem {
  field: string | null;
  message: string;
}

/** A refusal as problems by field: `422` names each field; a value of the wrong shape
 *  (`400 bad_body`) is named at the start of the message ("lat: 95 is not a latitude"). */
export function problems(e: unknown): Problem[] {
  if (!(e instanceof ApiError)) return [{ field: null, message: errorText(e) }];
  // In the interface's language (`errors`): the words for the code, then the server's.
  if (e.status === 412) return [{ field: "id", message: errorText(e) }];
  if (e.fields.length) return e.fields.map((f) => ({ field: f.field, message: inLanguage(e.code, f.problem) }));
  const named = e.code === "bad_body" ? /^([\w.]+): (.+)$/s.exec(e.message) : null;
  if (named) return [{ field: named[1], message: inLanguage(e.code, named[2]) }];
  return [{ field: null, message: errorText(e) }];
}

/** One error paragraph per slot (`err-SLOT`), and "general" for the rest. */
export function errorSlots(slots: string[]): Record<string, HTMLElement> {
  return Object.fromEntries([...slots, "general"].map((s) =>
    [s, h("p", { id: `err-${s}`, class: "field-error error", "aria-live": "polite" })]));
}

/** Shows `found` in the slots `slot` picks (an empty message: `required`), marks the controls
 *  described by a filled slot invalid and focuses the first of them. */
export function showProblems(
  controls: HTMLElement[],
  errors: Record<string, HTMLElement>,
  found: Problem[],
  slot: (field: string | null) => string,
  required: string,
): void {
  for (const el of Object.values(errors)) el.textContent = "";
  for (const el of controls) el.removeAttribute("aria-invalid");
  for (const p of found) {
    const s = errors[slot(p.field)] ? slot(p.field) : "general";
    const message = p.message || required;
    errors[s].textContent = errors[s].textContent ? `${errors[s].textContent}; ${message}` : message;
  }
  const invalid = controls.filter((el) => {
    const ids = el.getAttribute("aria-describedby") ?? "";
    return ids.split(" ").some((id) => id.startsWith("err-") && document.getElementById(id)?.textContent);
  });
  invalid.forEach((el) => el.setAttribute("aria-invalid", "true"));
  invalid[0]?.focus();
}
