// The sign-in form: the account's name and password for a session token (POST /api/sessions),
// kept for this tab only. A refusal says the same whatever was wrong, as the server does.

import { ApiError } from "../api";
import { forget } from "../areas";
import { h, replace } from "../dom";
import { errorText } from "../errors";
import { t } from "../i18n";
import { go } from "../router";
import { renderHeader } from "../header";
import { signIn } from "../session";

export function signInPage(main: HTMLElement): void {
  const user = h("input", { id: "user", name: "user", autocomplete: "username", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const problem = h("p", { role: "alert", class: "error", id: "sign-in-problem" });
  const submit = h("button", { type: "submit" }, t("signin.submit"));
  const form = h("form", { class: "sign-in", "aria-labelledby": "sign-in-title" },
    h("div", { class: "field" }, h("label", { for: "user" }, t("signin.user")), user),
    h("div", { class: "field" }, h("label", { for: "password" }, t("signin.password")), password),
    submit, problem);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    problem.textContent = "";
    try {
      await signIn(user.value, password.value);
      forget();
      renderHeader();
      go("/");
    } catch (e) {
      problem.textContent = e instanceof ApiError && e.status === 401 ? t("signin.refused") : errorText(e);
      submit.disabled = false;
      password.focus();
    }
  });
  replace(main, h("h1", { id: "sign-in-title" }, t("signin.title")), h("p", {}, t("signin.note")), form);
  user.focus();
}
