/**
 * The page's own script (plain browser JavaScript, run after Chart.js): reads the results from the
 * `bench-data` element and draws the charts into the canvases the page names. Kept as text so that
 * no build step or bundler touches it. Animation is off so that a headless screenshot shows the
 * finished charts.
 */
export const chartsScript = `
(() => {
  const documents = JSON.parse(document.getElementById("bench-data").textContent);
  const waybillColor = "#2563eb", ceilingColor = "#9ca3af", failColor = "#dc2626", goalColor = "#16a34a";
  const palette = ["#2563eb", "#d97706", "#7c3aed", "#059669", "#db2777", "#0891b2", "#65a30d", "#9333ea", "#ea580c", "#475569"];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  const draw = (id, config) => { const canvas = document.getElementById(id); if (canvas) new Chart(canvas, config); };
  const axis = (title, extra) => Object.assign({ title: { display: true, text: title } }, extra || {});
  const all = documents.flatMap((d) => d.results.map((r) => Object.assign({ benchmark: d.benchmark }, r)));
  draw("throughput", {
    type: "bar",
    data: {
      labels: all.map((r) => r.benchmark + ": " + r.scenario),
      datasets: [
        { label: "Waybill ok/s", data: all.map((r) => r.waybill.perSecond), backgroundColor: waybillColor },
        { label: "raw ceiling ok/s", data: all.map((r) => r.ceiling.perSecond), backgroundColor: ceilingColor },
      ],
    },
    options: { scales: { y: axis("successful operations per second", { beginAtZero: true }) } },
  });
  documents.forEach((d, i) => {
    const shades = [["#93c5fd", "#3b82f6", "#1e3a8a"], ["#e5e7eb", "#9ca3af", "#374151"]];
    const datasets = [];
    [["Waybill", "waybill", shades[0]], ["ceiling", "ceiling", shades[1]]].forEach(([name, key, colors]) => {
      ["p50Ms", "p95Ms", "p99Ms"].forEach((p, j) => datasets.push({
        label: name + " " + p.slice(0, 3), backgroundColor: colors[j],
        data: d.results.map((r) => Math.max(r[key][p], 0.01)),
      }));
    });
    draw("latency-" + i, {
      type: "bar",
      data: { labels: d.results.map((r) => r.scenario), datasets },
      options: { scales: { y: axis("milliseconds (log scale)", { type: "logarithmic" }) } },
    });
  });
  const measured = all.filter((r) => r.drain);
  draw("drain", {
    data: {
      labels: measured.map((r) => r.scenario),
      datasets: [
        { type: "bar", label: "drain ms (red: not drained, bar at the timeout)",
          data: measured.map((r) => r.drain.drained ? r.drain.drainMs : r.drain.timeoutMs),
          backgroundColor: measured.map((r) => r.drain.drained ? waybillColor : failColor) },
        { type: "line", label: "goal 2,000 ms", data: measured.map(() => 2000), borderColor: goalColor, backgroundColor: goalColor,
          borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { scales: { y: axis("milliseconds from the last answer", { beginAtZero: true }) } },
  });
  measured.forEach((r, i) => {
    const series = r.lag.series;
    const names = Object.keys(series.byConsumer);
    const datasets = [{ label: "all consumers", data: series.p99Ms, borderColor: "#111827", backgroundColor: "#111827", borderWidth: 2,
      pointRadius: 0, spanGaps: true }];
    names.forEach((name, j) => datasets.push({ label: name, data: series.byConsumer[name],
      borderColor: palette[j % palette.length], backgroundColor: palette[j % palette.length], borderWidth: 1.5, pointRadius: 0, spanGaps: true }));
    datasets.push({ label: "goal 50 ms", data: series.startsMs.map(() => 50), borderColor: goalColor, backgroundColor: goalColor,
      borderDash: [6, 4], pointRadius: 0 });
    draw("lag-" + i, {
      type: "line",
      data: { labels: series.startsMs.map((start) => (start / 1000).toFixed(2)), datasets },
      options: { scales: {
        x: axis("seconds since the first measured order (event produced, " + series.bucketMs + " ms buckets)"),
        y: axis("commit → consumer p99, ms (log scale)", { type: "logarithmic" }),
      } },
    });
  });
})();
`;
