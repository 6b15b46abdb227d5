import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import type { StatBar } from "./stats-bars.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** The counts a campaign's promo code brought, as bars. */
export function StatsChart({ bars }: { readonly bars: readonly StatBar[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar", number[], string>>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: "bar",
      data: { labels: [], datasets: [{ label: "Count", data: [], backgroundColor: [] }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    });
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const css = getComputedStyle(document.documentElement);
    const [dataset] = current.data.datasets;
    current.data.labels = bars.map((bar) => bar.label);
    if (dataset) {
      dataset.data = bars.map((bar) => bar.value);
      dataset.backgroundColor = bars.map((bar) => css.getPropertyValue(bar.color).trim() || "#2f5bea");
    }
    current.update();
  }, [bars]);

  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label="Orders, cancelled orders and units of the campaign" />
    </div>
  );
}
