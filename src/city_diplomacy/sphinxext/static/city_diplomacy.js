// Timeline filter: shows the (hidden) select and hides rows of other networks.
// Without this script every row stays visible.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".cd-filter")) {
    const select = box.querySelector("select");
    const table = select && document.getElementById(select.dataset.table);
    if (!table) continue;
    box.hidden = false;
    select.addEventListener("change", () => {
      for (const row of table.querySelectorAll("tbody tr")) {
        row.hidden = select.value !== "" && row.dataset.network !== select.value;
      }
    });
  }
});
