import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import type { LevelPoint } from "./level-series.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);

/** A time on the axis: the clock alone when the series spans less than a day, else the date. */
function tickLabel(ms: number, points: readonly LevelPoint[]): string {
  const span = (points[points.length - 1]?.time ?? 0) - (points[0]?.time ?? 0);
  const date = new Date(ms);
  return span < 86_400_000 ? date.toLocaleTimeString() : date.toLocaleDateString();
}

/** On hand and available of an item over time, as steps (a level holds until the next entry). */
export function LevelChart({ points }: { readonly points: readonly LevelPoint[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // The axis labels read the newest series; the chart itself is made once.
  const latest = useRef(points);
  latest.current = points;
  const chart = useRef<Chart<"line", { x: number; y: number }[]>>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const css = getComputedStyle(document.documentElement);
    const color = (name: string) => css.getPropertyValue(name).trim() || "#2f5bea";
    chart.current = new Chart(canvas.current, {
      type: "line",
      data: {
        datasets: [
          {
            label: "On hand",
            data: [],
            stepped: "before",
            borderColor: color("--accent"),
            pointRadius: 2,
            borderWidth: 2,
          },
          {
            label: "Available",
            data: [],
            stepped: "before",
            borderColor: color("--good"),
            pointRadius: 0,
            borderWidth: 1.5,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            type: "linear",
            ticks: { callback: (value) => tickLabel(Number(value), latest.current), maxTicksLimit: 6 },
          },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: {
          tooltip: { callbacks: { title: (items) => new Date(items[0]?.parsed.x ?? 0).toLocaleString() } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const [onHand, available] = current.data.datasets;
    if (onHand) onHand.data = points.map((p) => ({ x: p.time, y: p.onHand }));
    if (available) available.data = points.map((p) => ({ x: p.time, y: p.available }));
    current.update();
  }, [points]);

  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label="Stock level over time" />
    </div>
  );
}
