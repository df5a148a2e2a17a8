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
    show(state.problems, errors.length);
  };

  function show(problems, errors) {
    document.getElementById("ncp-preview-problems")?.remove();
    if (problems.length === 0) return;
    const box = document.createElement("aside");
    box.id = "ncp-preview-problems";
    box.setAttribute("role", errors ? "alert" : "status");
    box.setAttribute("aria-label", "Preview problems");
    box.style.cssText = errors
      ? "position:fixed;inset:0;overflow:auto;z-index:2147483647;background:rgba(20,20,20,.93);" +
        "color:#fff;padding:2rem;font:15px/1.5 ui-monospace,monospace"
      : "position:fixed;right:1rem;bottom:1rem;max-width:40rem;max-height:40vh;overflow:auto;" +
        "z-index:2147483647;background:#fff8e1;color:#222;border:2px solid #8a6d00;" +
        "padding:.75rem;font:14px/1.4 ui-monospace,monospace";
    const heading = document.createElement("h2");
    heading.style.cssText = "font:inherit;font-weight:bold;margin:0 0 1rem";
    heading.textContent = errors
      ? `${errors} error(s): the page shows the last build that succeeded`
      : `${problems.length} warning(s)`;
    box.append(heading);
    for (const problem of problems) {
      const item = document.createElement("pre");
      item.className = `ncp-problem ncp-${problem.severity}`;
      item.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;font:inherit";
      item.textContent = problem.text;
      box.append(item);
    }
    document.body.append(box);
  }
})();
