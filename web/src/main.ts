import { applyToDocument } from "./i18n";
applyToDocument();
