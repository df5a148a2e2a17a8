// Injected by `ncp preview` into the pages it serves (never into output/): reloads the page
// after each build that succeeds, and lays the problems of a build over the page.
(() => {
  const builtAt = Number(document.currentScript.dataset.version);
  const events = new EventSource("/_ncp/events");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    const errors = state.problems.filter((problem) => problem.severity === "error");
    if (errors.length === 0 && state.version !== builtAt) {
      events.close();
      location.reload();
      return;
    }
    show(state.problems, errors.length, state.heading);
  };

  // Styled in full here (`all: initial`): the page's own styles must not reach the box.
  const BOX = "all:initial;position:fixed;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
    "font:14px/1.45 ui-monospace,monospace;";
  const ERRORS = BOX + "inset:0;padding:2rem;background:#1b1b1b;color:#fff;";
  const WARNINGS = BOX + "right:1rem;bottom:1rem;max-width:min(40rem,90vw);max-height:40vh;" +
    "padding:.75rem;background:#fff8e1;color:#1b1b1b;border:2px solid #7a5d00;";

  function show(problems, errors, said) {
    document.getElementById("ncp-preview-problems")?.remove();
    if (problems.length === 0) return;
    const box = document.createElement(errors ? "div" : "details");
    box.id = "ncp-preview-problems";
    box.setAttribute("role", errors ? "alert" : "status");
    box.style.cssText = errors ? ERRORS : WARNINGS;
    const heading = document.createElement(errors ? "strong" : "summary");
    heading.style.cssText = "all:initial;font:inherit;font-weight:bold;color:inherit;" +
      "margin-bottom:1rem;" + (errors ? "display:block" : "display:list-item;cursor:pointer");
    heading.textContent = said;  // in the writer's language, from the catalog
    box.append(heading);
    for (const problem of problems) {
      const item = document.createElement("pre");
      item.className = `ncp-problem ncp-${problem.severity}`;
      item.style.cssText = "all:initial;display:block;white-space:pre-wrap;font:inherit;" +
        "color:inherit;margin:0 0 1rem";
      item.textContent = problem.text;
      box.append(item);
    }
    if (!errors) {  // the writer may fold the warnings away; they stay folded across reloads
      box.open = sessionStorage.getItem("ncp-preview-warnings") !== "folded";
      box.addEventListener("toggle", () =>
        sessionStorage.setItem("ncp-preview-warnings", box.open ? "open" : "folded"));
    }
    document.body.append(box);
  }
})();
