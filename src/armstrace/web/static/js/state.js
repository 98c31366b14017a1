// State page: two stacked bar charts (supplies, receives) of deals by year and status.
// Data comes from the page's <script type="application/json" id="timeline-data">.
"use strict";
(function () {
  const source = document.getElementById("timeline-data");
  if (!source || typeof Chart === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  const colours = {
    interest: "#9aa5b1", proposed: "#7fb3d5", planned: "#5499c7",
    ordered: "#1f5f99", delivered: "#2e8b57", cancelled: "#b3261e",
  };
  const years = [...new Set(data.timeline.map((point) => point.year))].sort((a, b) => a - b);
  function draw(side) {
    const canvas = document.getElementById("chart-" + side);
    if (!canvas) { return; }  // the page draws no chart for a side without deals
    const points = data.timeline.filter((point) => point.side === side);
    const datasets = data.statuses
      .filter((status) => points.some((point) => point.status === status))
      .map((status) => ({
        label: status,
        backgroundColor: colours[status] || "#888",
        data: years.map((year) => {
          const found = points.find((point) => point.year === year && point.status === status);
          return found ? found.deals : 0;
        }),
      }));
    new Chart(canvas, {
      type: "bar",
      data: { labels: years.map(String), datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  document.documentElement.classList.add("js");
  draw("supplies");
  draw("receives");
})();
