/**
 * Builds the console before `npm start` when its sources changed since the last build (a few
 * seconds), and does nothing otherwise. A failed build does not stop the start: the API runs, and
 * the console's pages answer 503 naming the command to build it.
 *
 *   npm start                  runs this first (prestart)
 */
import { buildConsoleIfStale } from "./console-build.js";

try {
  await buildConsoleIfStale();
} catch (error) {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  console.warn(`console: not built (${reason}); the API starts without it - run npm run build -w @waybill/console`);
}
