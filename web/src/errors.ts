// A refusal in the interface's language. The server's messages are English, for people
// reading logs and API answers; its error codes are stable (docs/api.md, "Errors"). In English
// the server's own words are shown; in another language the words for the code, followed by
// the server's in parentheses, since they name the field, the value or the record concerned.

import { ApiError } from "./api";
import { has, lang, t } from "./i18n";

/** The text for a refusal (or any other failure) to show a person. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  return inLanguage(e.code, e.message);
}

/** The server's `message` for `code`, in the interface's language. */
export function inLanguage(code: string, message: string): string {
  if (lang() === "en") return message;
  const key = `error.code.${code}`;
  const words = has(key) ? t(key) : t("error.code.other");
  // The server's English words isolated left to right (LRI … PDI), so their punctuation and
  // numbers keep their order inside a right-to-left sentence.
  return message ? `${words} (\u2066${message}\u2069)` : words;
}
