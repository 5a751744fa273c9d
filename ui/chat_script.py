"""Page behaviour Gradio has no option for: [n] in an answer opens that source, a new answer is shown from its start.

- A click on an [n] link (#quelle-n) opens the sources panel if it is closed, scrolls to source n and marks it.
- A new passage in the viewer is centred inside the viewer's own box; the page moves only as far as needed to show it
  (so the chat with the clicked [n] stays where it is when it can).
- When a new question is sent, the chat scrolls so that the question and the start of its answer are in view
  (Gradio's autoscroll would follow the text to its end; it is switched off on the Chatbot).
"""

from __future__ import annotations

_SCRIPT = """
(function () {
  function showSource(id, tries) {
    var target = document.getElementById(id);
    var panel = document.getElementById("pw-sources-panel");
    if (!target || !target.offsetParent) {
      var toggle = panel && panel.querySelector("button");
      if (toggle && tries === 0 && !(target && target.offsetParent)) toggle.click();
      if (tries < 20) setTimeout(function () { showSource(id, tries + 1); }, 100);
      return;
    }
    var current = document.querySelectorAll(".pw-source.pw-current");
    for (var i = 0; i < current.length; i++) current[i].classList.remove("pw-current");
    target.classList.add("pw-current");
    target.scrollIntoView({ block: "nearest" });
    var link = target.querySelector("a, button");
    if (link) link.focus({ preventScroll: true });
  }
  function showInViewer(number) {
    var option = document.querySelector("#pw-viewer-pick input[value='" + number + "']");
    if (option && !option.checked) option.click();
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest && ev.target.closest("a[href^='#quelle-'], a[href^='#ansehen-']");
    if (!a) return;
    ev.preventDefault();
    ev.stopPropagation();
    var number = a.getAttribute("href").split("-").pop();
    showSource("quelle-" + number, 0);
    showInViewer(number);
  }, true);
  function showCited(viewer, cited) {  // centre the passage in the viewer's own box, then bring that box into view, no further
    var box = viewer.querySelector(".pw-viewer");
    if (box && box.scrollHeight > box.clientHeight) {
      var b = box.getBoundingClientRect(), r = cited.getBoundingClientRect();
      box.scrollTop += (r.top - b.top) - Math.max(0, (box.clientHeight - r.height) / 2);
    }
    var shown = box || cited, r = shown.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) shown.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
  new MutationObserver(function (records) {  // a new viewer content: scroll to the cited row or passage
    for (var i = 0; i < records.length; i++) {
      var viewer = records[i].target.closest && records[i].target.closest("#pw-viewer");
      var cited = viewer && viewer.querySelector("#pw-cited");
      if (cited && cited.__pwShown !== true) { cited.__pwShown = true; showCited(viewer, cited); break; }
    }
  }).observe(document.documentElement, { subtree: true, childList: true });

  var seen = 0;
  function followNewQuestion() {
    var chat = document.getElementById("pw-chat");
    if (!chat) return;
    var questions = chat.querySelectorAll("[data-testid='user'], [aria-label^='Ihre Frage: ']");
    if (questions.length > seen) {
      var last = questions[questions.length - 1];
      var box = last.parentElement;
      while (box && box !== chat && !(box.scrollHeight > box.clientHeight + 4 && /auto|scroll/.test(getComputedStyle(box).overflowY))) {
        box = box.parentElement;
      }
      if (box && box !== chat) box.scrollTop = last.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
    }
    seen = questions.length;
  }
  new MutationObserver(followNewQuestion).observe(document.documentElement, { subtree: true, childList: true });
})();
"""


def chat_script() -> str:
    """The <script> for mount_gradio_app(head=…)."""
    return f"<script>{_SCRIPT}</script>"
