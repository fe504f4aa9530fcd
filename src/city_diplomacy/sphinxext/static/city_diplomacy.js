// Timeline filter: shows the (hidden) select and hides events of other networks, and
// the years left without events. Without this script every event stays visible.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".cd-filter")) {
    const select = box.querySelector("select");
    const timeline = select && document.getElementById(select.dataset.table);
    if (!timeline) continue;
    box.hidden = false;
    select.addEventListener("change", () => {
      for (const event of timeline.querySelectorAll("[data-network]")) {
        event.hidden = select.value !== "" && event.dataset.network !== select.value;
      }
      for (const year of timeline.querySelectorAll(".cd-year")) {
        year.hidden = !year.querySelector("[data-network]:not([hidden])");
      }
    });
  }
});
