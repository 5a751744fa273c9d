"""German for Gradio's own strings: its German locale, plus the labels its components hard-code in English.

Gradio picks its locale from the browser's language, so a planner with an English browser got English buttons;
the page script pins German before Gradio starts. Some labels (copy buttons, the screen-reader text of chat
messages, toast titles) are not translated by Gradio at all; a small observer replaces them as they appear.
The screen-reader label of a message becomes its rendered text (Gradio reads out the raw Markdown with URLs).
"""

from __future__ import annotations

import json

#: English label or title -> German, for attributes (aria-label, title, placeholder) and whole text nodes in toasts.
WORDS: dict[str, str] = {
    "Copy conversation": "Unterhaltung kopieren",
    "Copied conversation": "Unterhaltung kopiert",
    "Copy message": "Nachricht kopieren",
    "Copied message": "Nachricht kopiert",
    "Copy": "Kopieren",
    "Copied": "Kopiert",
    "Like": "Hilfreich",
    "Liked": "Als hilfreich bewertet",
    "Dislike": "Nicht hilfreich",
    "Disliked": "Als nicht hilfreich bewertet",
    "Feedback": "Weitere Rückmeldung",
    "Scroll down": "Nach unten scrollen",
    "chatbot conversation": "Unterhaltung",
    "Clear": "Leeren",
    "Error": "Fehler",
    "Warning": "Hinweis",
    "Info": "Information",
    "Success": "Erledigt",
    "Close": "Schließen",
    "Remove": "Entfernen",
    "Download": "Herunterladen",
    "Fullscreen": "Vollbild",
    "Exit fullscreen mode": "Vollbild verlassen",
    "Click to upload or drop files": "Dateien hierher ziehen oder klicken zum Auswählen",
    "File upload": "Dateien hochladen",
    "Drop File Here": "Datei hier ablegen",
    "Click to Upload": "Klicken zum Hochladen",
    "Loading...": "Wird geladen …",
    "processing": "wird bearbeitet",
}

#: Screen-reader prefixes of chat messages -> German; the rest of the label is replaced by the message's visible text.
PREFIXES: dict[str, str] = {"user's message: ": "Ihre Frage: ", "bot's message: ": "Antwort von planwissen: "}

#: Alt text for images Gradio renders without one (element id -> text); the figures themselves are in the table beside.
ALT_TEXTS: dict[str, str] = {
    "pw-sheet-chart": "Diagramm der Kennzahlen im Zeitverlauf. Die Werte stehen in der Tabelle des Steckbriefs.",
}

_SCRIPT = """
(function () {
  var german = function () { return "de-DE"; };
  try {
    Object.defineProperty(Navigator.prototype, "language", { get: german, configurable: true });
    Object.defineProperty(Navigator.prototype, "languages", { get: function () { return ["de-DE", "de"]; }, configurable: true });
  } catch (e) {}
  document.documentElement.setAttribute("lang", "de");
  var WORDS = __WORDS__, PREFIXES = __PREFIXES__, ALT = __ALT__, ATTRS = ["aria-label", "title", "placeholder"];
  function plain(el) { return (el.innerText || el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 1500); }
  function fix(el) {
    if (!el || el.nodeType !== 1) return;
    for (var i = 0; i < ATTRS.length; i++) {
      var v = el.getAttribute(ATTRS[i]);
      if (!v) continue;
      if (Object.prototype.hasOwnProperty.call(WORDS, v)) { el.setAttribute(ATTRS[i], WORDS[v]); continue; }
      for (var en in PREFIXES) {
        if (v.indexOf(en) === 0) { el.__pwPrefix = PREFIXES[en]; el.setAttribute(ATTRS[i], PREFIXES[en] + plain(el)); break; }
      }
    }
  }
  function fixText(node) {
    var t = node.nodeValue, k = t && t.trim();
    if (k && Object.prototype.hasOwnProperty.call(WORDS, k) && node.parentElement &&
        node.parentElement.closest(".toast-body, .toast-title, button, label, .wrap, .progress-text")) {
      node.nodeValue = t.replace(k, WORDS[k]);
    }
  }
  function a11y(root) {  // Gradio markup axe-core flags: roles without allowed children, labels on plain divs, alt text
    var lists = root.querySelectorAll(".examples[role]");
    for (var i = 0; i < lists.length; i++) lists[i].removeAttribute("role");
    var boxes = root.querySelectorAll("div.empty[aria-label]:not([role])");
    for (var j = 0; j < boxes.length; j++) boxes[j].setAttribute("role", "img");
    var zones = root.querySelectorAll("[aria-label='" + WORDS["Click to upload or drop files"] + "']");
    for (var k = 0; k < zones.length; k++) { var text = plain(zones[k]); if (text) zones[k].setAttribute("aria-label", text); }
    for (var id in ALT) {
      var imgs = root.querySelectorAll("#" + id + " img");
      for (var m = 0; m < imgs.length; m++) if (!imgs[m].getAttribute("alt")) imgs[m].setAttribute("alt", ALT[id]);
    }
  }
  function sweep(root) {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    fix(root);
    a11y(document);
    var all = root.querySelectorAll("[aria-label],[title],[placeholder]");
    for (var i = 0; i < all.length; i++) fix(all[i]);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), n;
    while ((n = walker.nextNode())) fixText(n);
  }
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (r.type === "attributes") fix(r.target);
      else if (r.type === "characterData") fixText(r.target);
      else for (var j = 0; j < r.addedNodes.length; j++) sweep(r.addedNodes[j]);
      if (r.type !== "attributes") {  // a message's text changed (streaming): its label follows
        for (var el = r.target.nodeType === 1 ? r.target : r.target.parentElement; el; el = el.parentElement) {
          if (!el.__pwPrefix) continue;
          var label = el.__pwPrefix + plain(el);
          if (el.getAttribute("aria-label") !== label) el.setAttribute("aria-label", label);
          break;
        }
      }
    }
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true,
                                         attributeFilter: ATTRS });
})();
"""


def head_script() -> str:
    """The <script> for mount_gradio_app(head=…): runs before Gradio's bundle, so the German locale applies from the start."""
    script = (_SCRIPT.replace("__WORDS__", json.dumps(WORDS, ensure_ascii=False))
              .replace("__PREFIXES__", json.dumps(PREFIXES, ensure_ascii=False))
              .replace("__ALT__", json.dumps(ALT_TEXTS, ensure_ascii=False)))
    return f"<script>{script}</script>"
